"""Joining for learners, and the manager area of an organisation.

Every manager view starts with `organisation_for_manager`, which answers 404 to anyone who
does not manage the organisation in the URL: no page reveals whether it exists.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from website.replica import reads_from_replica

from . import exports, imports, services
from .forms import (
    AssignmentForm,
    DashboardFilterForm,
    InvitationForm,
    JoinForm,
    StaffConfirmForm,
    StaffUploadForm,
)
from .selectors import (
    DashboardFilters,
    assigned_courses,
    assignment_applies,
    assignment_of,
    assignments_of,
    learner_membership_of,
    manager_dashboard,
    organisation_for_manager,
    organisations_managed_by,
    overdue_assignments,
    person_detail,
    person_modules,
)

UNKNOWN_CODE = gettext_noop("No organisation has this code. Check it and try again.")
EXPIRED_INVITATION = gettext_noop(
    "This invitation link is not valid: it expired or was already used. Ask your organisation "
    "for a new one, or join with its code."
)
OTHER_ACCOUNT = gettext_noop(
    "This invitation is for %(email)s. Log out and log in with that address, or ask your "
    "manager for a new invitation."
)
REMINDER_DONE = gettext_noop("%(name)s has already completed %(course)s, so no reminder was sent.")
REMINDER_ALREADY_TODAY = gettext_noop(
    "%(name)s already got a reminder about %(course)s today. You can send another one tomorrow."
)
NOBODY_LATE = gettext_noop("Nobody is late with %(course)s, so no reminder was sent.")
STALE_IMPORT = gettext_noop("The checked list expired or was changed. Upload the file again.")


# Learners


@require_http_methods(["GET", "POST"])
@login_required
def join(request):
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if services.join_blocked(user=request.user):
            return render(
                request, "organisations/join.html", {"form": form, "blocked": True}, status=429
            )
        if form.is_valid():
            membership, created = services.organisation_join(
                user=request.user, code=form.cleaned_data["code"]
            )
            if membership is not None:
                name = membership.organisation.name
                if created:
                    messages.success(request, _("You joined %(name)s.") % {"name": name})
                else:
                    messages.info(
                        request, _("You are already a member of %(name)s.") % {"name": name}
                    )
                return redirect("organisations:my_learning")
            services.join_attempts_exhausted(user=request.user)
            form.add_error("code", _(UNKNOWN_CODE))
        status = 400
    return render(request, "organisations/join.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """The invitee joins here; a visitor is shown how to log in or sign up with the invited
    address, and any other account is told whose invitation it is."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return _invitation_invalid(request)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        return render(
            request,
            "organisations/invitation_visitor.html",
            {
                "invitation": invitation,
                "signup_url": _with_query(
                    reverse("account_signup"), email=invitation.email, next=request.path
                ),
                "login_url": _with_query(
                    reverse("account_login"), email=invitation.email, next=request.path
                ),
            },
        )
    if request.method == "POST":
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationForSomeoneElse:
            return _invitation_for_someone_else(request, invitation)
        if membership is None:
            return _invitation_invalid(request)
        messages.success(
            request, _("You joined %(name)s.") % {"name": membership.organisation.name}
        )
        return redirect("organisations:my_learning")
    if not services.invitation_is_for(invitation, request.user):
        return _invitation_for_someone_else(request, invitation)
    return render(request, "organisations/invitation_accept.html", {"invitation": invitation})


def _with_query(url: str, **params) -> str:
    return f"{url}?{urlencode(params)}"


def _invitation_invalid(request):
    return render(
        request,
        "organisations/invitation_invalid.html",
        {"message": _(EXPIRED_INVITATION)},
        status=404,
    )


def _invitation_for_someone_else(request, invitation):
    return render(
        request,
        "organisations/invitation_other_account.html",
        {"invitation": invitation, "message": _(OTHER_ACCOUNT) % {"email": invitation.email}},
        status=403,
    )


# Managers


@require_GET
@login_required
def manager_home(request):
    organisations = list(organisations_managed_by(request.user))
    if len(organisations) == 1:
        return redirect("organisations:dashboard", slug=organisations[0].slug)
    return render(request, "organisations/manager_home.html", {"organisations": organisations})


@require_GET
@login_required
@reads_from_replica
def dashboard(request, slug: str):
    organisation = organisation_for_manager(request.user, slug)
    assignments = assignments_of(organisation)
    courses = assigned_courses(assignments)
    form = DashboardFilterForm(request.GET or None, organisation=organisation, courses=courses)
    filters = DashboardFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = DashboardFilters(
            team=data["team"], course=data["course"], status=data["status"], search=data["q"]
        )
    return render(
        request,
        "organisations/dashboard.html",
        {
            "organisation": organisation,
            "dashboard": manager_dashboard(
                organisation=organisation,
                filters=filters,
                page_number=request.GET.get("page"),
                assignments=assignments,
            ),
            "form": form,
            "overdue_assignments": overdue_assignments(
                organisation=organisation, assignments=assignments
            ),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_GET
@login_required
def person(request, slug: str, membership_id: int):
    organisation = organisation_for_manager(request.user, slug)
    detail = person_detail(organisation=organisation, membership_id=membership_id)
    return render(
        request,
        "organisations/person.html",
        {"organisation": organisation, "detail": detail, "modules": person_modules(detail=detail)},
    )


@require_POST
@login_required
def remind_person(request, slug: str, membership_id: int, assignment_id: int):
    """A reminder to one learner about one assignment, at most once a day."""
    organisation = organisation_for_manager(request.user, slug)
    membership = learner_membership_of(organisation, membership_id)
    assignment = assignment_of(organisation, assignment_id)
    if not assignment_applies(assignment, membership):
        raise Http404
    outcome = services.manual_reminders_send(
        assignment=assignment, memberships=[membership], sent_by=request.user
    )
    names = {
        "name": membership.user.get_full_name() or membership.user.email,
        "course": assignment.course.title,
    }
    if outcome.sent:
        messages.success(request, _("Reminder sent to %(name)s.") % names)
    elif outcome.done:
        messages.info(request, _(REMINDER_DONE) % names)
    else:
        messages.warning(request, _(REMINDER_ALREADY_TODAY) % names)
    return redirect(
        _back(request, reverse("organisations:person", args=[organisation.slug, membership.pk]))
    )


@require_POST
@login_required
def remind_overdue(request, slug: str, assignment_id: int):
    """A reminder to everyone late on an assignment, skipping who had one today."""
    organisation = organisation_for_manager(request.user, slug)
    assignment = assignment_of(organisation, assignment_id)
    outcome = services.manual_reminders_send_overdue(assignment=assignment, sent_by=request.user)
    sent, skipped = len(outcome.sent), len(outcome.already_today)
    if not sent and not skipped:
        messages.info(request, _(NOBODY_LATE) % {"course": assignment.course.title})
    else:
        parts = [
            ngettext(
                "Reminder sent to %(count)s person.", "Reminder sent to %(count)s people.", sent
            )
            % {"count": sent}
            if sent
            else _("No reminder was sent.")
        ]
        if skipped:
            parts.append(
                ngettext(
                    "%(count)s person already got a reminder today.",
                    "%(count)s people already got a reminder today.",
                    skipped,
                )
                % {"count": skipped}
            )
        (messages.success if sent else messages.warning)(request, " ".join(parts))
    return redirect(_back(request, reverse("organisations:dashboard", args=[organisation.slug])))


def _back(request, default: str) -> str:
    """The page the form was sent from (with its filters), if it is one of this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_GET
@login_required
@reads_from_replica
def export_csv(request, slug: str):
    return exports.csv_response(
        organisation=organisation_for_manager(request.user, slug),
        comma=request.GET.get("separator") in ("comma", "komma"),
    )


@require_GET
@login_required
@reads_from_replica
def export_xlsx(request, slug: str):
    return exports.xlsx_response(organisation=organisation_for_manager(request.user, slug))


@require_GET
@login_required
@reads_from_replica
def certificates_zip(request, slug: str):
    organisation = organisation_for_manager(request.user, slug)
    return exports.certificates_zip_response(
        organisation=organisation,
        verify_url=lambda code: request.build_absolute_uri(
            reverse("courses:certificate_verify", args=[code])
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def assignments(request, slug: str):
    organisation = organisation_for_manager(request.user, slug)
    form = AssignmentForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.assignment_save(
                organisation=organisation,
                course=data["course"],
                team=data["team"],
                due_date=data["due_date"],
                created_by=request.user,
            )
            messages.success(request, _("The module is assigned."))
            return redirect("organisations:assignments", slug=organisation.slug)
        status = 400
    return render(
        request,
        "organisations/assignments.html",
        {"organisation": organisation, "form": form, "assignments": assignments_of(organisation)},
        status=status,
    )


@require_POST
@login_required
def assignment_delete(request, slug: str, assignment_id: int):
    organisation = organisation_for_manager(request.user, slug)
    if not services.assignment_delete(organisation=organisation, assignment_id=assignment_id):
        raise Http404
    messages.success(request, _("The assignment is removed."))
    return redirect("organisations:assignments", slug=organisation.slug)


@require_http_methods(["GET", "POST"])
@login_required
def invite(request, slug: str):
    organisation = organisation_for_manager(request.user, slug)
    form = InvitationForm(request.POST or None, organisation=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.invitation_send(
                organisation=organisation,
                email=form.cleaned_data["email"],
                team=form.cleaned_data["team"],
                invited_by=request.user,
                accept_url=lambda token: request.build_absolute_uri(
                    reverse("organisations:invitation_accept", args=[token])
                ),
            )
            messages.success(request, _("The invitation is sent."))
            return redirect("organisations:invite", slug=organisation.slug)
        status = 400
    return render(
        request,
        "organisations/invite.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_upload(request, slug: str):
    """Step one: upload a staff list and see every row with its problems; nothing is saved."""
    organisation = organisation_for_manager(request.user, slug)
    form = StaffUploadForm(request.POST or None, request.FILES or None)
    context = {"organisation": organisation, "form": form}
    if request.method == "POST":
        if form.is_valid():
            try:
                table = imports.read_table(form.cleaned_data["file"])
            except imports.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                preview = imports.preview_rows(organisation=organisation, table=table)
                context["preview"] = preview
                if preview.valid_rows:
                    context["confirm_form"] = StaffConfirmForm(
                        initial={
                            "rows": imports.rows_sign(
                                organisation=organisation, rows=preview.valid_rows
                            )
                        }
                    )
                return render(request, "organisations/staff_preview.html", context)
        return render(request, "organisations/staff_upload.html", context, status=400)
    return render(request, "organisations/staff_upload.html", context)


@require_POST
@login_required
def staff_confirm(request, slug: str):
    """Step two: add every row checked at the preview, in one transaction."""
    organisation = organisation_for_manager(request.user, slug)
    form = StaffConfirmForm(request.POST)
    rows = (
        imports.rows_unsign(organisation=organisation, token=form.cleaned_data["rows"])
        if form.is_valid()
        else None
    )
    if rows is None or not all(row.is_valid for row in rows):
        return render(
            request,
            "organisations/staff_upload.html",
            {"organisation": organisation, "form": StaffUploadForm(), "message": _(STALE_IMPORT)},
            status=400,
        )
    added = services.staff_import(organisation=organisation, rows=rows)
    added_message = ngettext(
        "%(count)s person was added.", "%(count)s people were added.", len(added)
    )
    messages.success(request, added_message % {"count": len(added)})
    return redirect("organisations:dashboard", slug=organisation.slug)
