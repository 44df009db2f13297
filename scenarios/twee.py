"""Reading and writing Twine 2 stories: Twee 3 text and the HTML that Twine 2 publishes.

This module knows the file formats only, not scenarios: it turns a file into a `Story` of
passages and links (checked whole: every error found is reported, naming its line or
passage), and a `Story` back into Twee 3. `scenarios.twine` maps stories to scenarios.

Formats, after the specifications of the Interactive Fiction Technology Foundation
(github.com/iftechfoundation/twine-specs):
- Twee 3: passages start with a header line `:: Name [tags] {metadata}`; `[`, `]`, `{`, `}`
  and `\\` in names and tags are escaped with a backslash. The special passages StoryTitle
  (the story's name) and StoryData (JSON with ifid, format, start ...) describe the story.
  Malformed metadata is ignored, as the specification recommends.
- Twine 2 HTML: a `<tw-storydata name startnode ...>` element holding one
  `<tw-passagedata pid name tags>` element per passage, its text HTML-escaped.
- Links, as Twine's story map reads them: `[[label->Target]]` (the rightmost arrow
  divides), `[[Target<-label]]` (the leftmost), `[[label|Target]]` and `[[Target]]`; a
  SugarCube setter (`[[label|Target][$x to 1]]`) is dropped.
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 5 * 1024 * 1024  # a published story carries its story format's code (~1 MB)
MAX_PASSAGES = 500
MAX_LINKS = 2500
MAX_ERRORS_SHOWN = 10

# Passages that hold code or layout for a story format rather than a moment of the story.
SPECIAL_NAMES = {
    "StoryTitle",
    "StoryData",
    "StoryInit",
    "StoryMenu",
    "StoryCaption",
    "StoryBanner",
    "StorySubtitle",
    "StoryAuthor",
    "StoryInterface",
    "StoryShare",
    "PassageReady",
    "PassageDone",
    "PassageHeader",
    "PassageFooter",
}
SPECIAL_TAGS = {"script", "stylesheet", "widget", "header", "footer", "startup", "debug-startup"}

LINK_PATTERN = re.compile(r"\[\[((?:[^\]]|\](?!\]))+)\]\]")


class StoryError(Exception):
    """A file that cannot be imported, with every reason found (in Dutch for trainers)."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))

    @property
    def shown(self) -> list[str]:
        """The first reasons, and how many more there are, so a page stays readable."""
        if len(self.messages) <= MAX_ERRORS_SHOWN:
            return self.messages
        hidden = len(self.messages) - MAX_ERRORS_SHOWN
        more = _("… and %(count)d more.") % {"count": hidden}
        return self.messages[:MAX_ERRORS_SHOWN] + [more]


@dataclass(frozen=True)
class Link:
    label: str
    target: str
    markup: str


@dataclass
class Passage:
    name: str
    text: str = ""
    tags: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    line: int = 0

    @property
    def links(self) -> list[Link]:
        return parse_links(self.text)

    @property
    def is_special(self) -> bool:
        return self.name in SPECIAL_NAMES or bool(SPECIAL_TAGS & set(self.tags))


@dataclass
class Story:
    title: str = ""
    start: str = ""
    ifid: str = ""
    format: str = ""
    format_version: str = ""
    passages: list[Passage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def start_passage(self) -> Passage | None:
        """StoryData's start or the HTML's startnode, else 'Start', else the first passage."""
        by_name = {passage.name: passage for passage in self.passages}
        for name in (self.start, "Start"):
            if name and name in by_name:
                return by_name[name]
        return self.passages[0] if self.passages else None


# Links and text -------------------------------------------------------------------------
def split_link(content: str) -> tuple[str, str]:
    """The label and target of the inside of a `[[...]]` link."""
    content = content.split("][", 1)[0]
    if "->" in content:
        label, target = content.rsplit("->", 1)
    elif "<-" in content:
        target, label = content.split("<-", 1)
    elif "|" in content:
        label, target = content.split("|", 1)
    else:
        label = target = content
    target = target.strip()
    return label.strip() or target, target


def parse_links(text: str) -> list[Link]:
    links = []
    for match in LINK_PATTERN.finditer(text):
        label, target = split_link(match.group(1))
        links.append(Link(label=label, target=target, markup=match.group(0)))
    return links


def prose(text: str) -> list[str]:
    """The paragraphs of a passage without its link markup.

    A line of nothing but links is the passage's menu of choices and goes; a link inside a
    sentence leaves its label, so the sentence still reads.
    """
    lines = []
    for line in text.split("\n"):
        if LINK_PATTERN.search(line) and not LINK_PATTERN.sub("", line).strip():
            continue
        lines.append(LINK_PATTERN.sub(lambda match: split_link(match.group(1))[0], line))
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines))
    return [paragraph.strip() for paragraph in paragraphs if paragraph.strip()]


def link_safe(text: str) -> str:
    """Text that reads back the same inside `[[...]]` (Twine has no escape for links)."""
    text = text.replace("[[", "[").replace("]]", "]").replace("][", "] [")
    return re.sub(r"\s+", " ", text).strip()


# Reading ---------------------------------------------------------------------------------
def read_story(data: bytes) -> Story:
    """The story in an uploaded file, checked as a whole; StoryError says every problem."""
    if len(data) > MAX_FILE_BYTES:
        raise StoryError(
            [
                _("The file is larger than %(size)d MB, the most a story can be.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoryError(
            [_("The file is not UTF-8 text. Save it from Twine again, or as UTF-8.")]
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "<tw-storydata" in text.lower():
        story, errors = _TwineHTML.story_from(text)
    elif re.search(r"^::", text, re.MULTILINE):
        story, errors = parse_twee(text)
    else:
        raise StoryError(
            [
                _(
                    "This file is neither Twee text nor a story published by Twine 2. In "
                    "Twine, use 'Publish to File' or 'Export as Twee'."
                )
            ]
        )
    errors += story_errors(story)
    if errors:
        raise StoryError(errors)
    return story


def story_errors(story: Story) -> list[str]:
    """What keeps a parsed story from being a scenario: size, start and links."""
    if not story.passages:
        return [_("The story has no passages.")]
    if len(story.passages) > MAX_PASSAGES:
        return [
            _("The story has %(count)d passages; at most %(max)d can be imported.")
            % {"count": len(story.passages), "max": MAX_PASSAGES}
        ]
    errors = []
    names = {passage.name for passage in story.passages}
    if story.start and story.start not in names:
        errors.append(
            _("The story starts at '%(passage)s', but there is no passage of that name.")
            % {"passage": story.start}
        )
    count = 0
    for passage in story.passages:
        for link in passage.links:
            count += 1
            if not link.target:
                errors.append(
                    _("Passage '%(passage)s': the link %(link)s does not say where it leads.")
                    % {"passage": passage.name, "link": link.markup}
                )
            elif link.target not in names:
                errors.append(
                    _(
                        "Passage '%(passage)s': the link %(link)s leads to '%(target)s', "
                        "a passage that does not exist."
                    )
                    % {"passage": passage.name, "link": link.markup, "target": link.target}
                )
    if count > MAX_LINKS:
        errors.append(
            _("The story has %(count)d links; at most %(max)d can be imported.")
            % {"count": count, "max": MAX_LINKS}
        )
    return errors


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _until_unescaped(text: str, stops: str) -> int:
    """The index of the first character of `stops` not escaped by a backslash, or -1."""
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] in stops:
            return index
        index += 1
    return -1


def _twee_header(line: str, number: int) -> tuple[Passage | None, list[str]]:
    rest = line[2:]
    end = _until_unescaped(rest, "[{")
    name = _unescape(rest if end < 0 else rest[:end]).strip()
    if not name:
        return None, [_("Line %(line)d: the header of a passage has no name.") % {"line": number}]
    passage = Passage(name=name, line=number)
    rest = "" if end < 0 else rest[end:]
    if rest.startswith("["):
        close = _until_unescaped(rest, "]")
        if close < 0:
            message = _("Line %(line)d: the tags of passage '%(passage)s' have no closing ']'.")
            return None, [message % {"line": number, "passage": name}]
        passage.tags = _unescape(rest[1:close]).split()
        rest = rest[close + 1 :].strip()
    if rest.startswith("<") and rest.find(">") > 0:
        # Twee 2 wrote the map position as <x,y>; newer tools write it in the metadata.
        rest = rest[rest.find(">") + 1 :].strip()
    if rest.startswith("{"):
        try:
            metadata = json.loads(rest)
        except ValueError:
            metadata = {}
        passage.metadata = metadata if isinstance(metadata, dict) else {}
        rest = ""
    if rest:
        message = _(
            "Line %(line)d: unexpected text after the name of passage '%(passage)s': %(text)s"
        )
        return None, [message % {"line": number, "passage": name, "text": rest[:40]}]
    return passage, []


def parse_twee(text: str) -> tuple[Story, list[str]]:
    """A Twee 3 (or older Twee) text as a story, and the errors found in it."""
    story = Story()
    errors: list[str] = []
    found: list[Passage] = []
    content: list[str] = []
    current = None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.startswith("::"):
            # Lines before the first header (a comment, a licence) belong to no passage.
            content.append(line[1:] if line.startswith("\\::") else line)
            continue
        if current is not None:
            current.text = "\n".join(content).strip("\n")
        content = []
        current, header_errors = _twee_header(line, number)
        errors += header_errors
        if current is not None:
            found.append(current)
    if current is not None:
        current.text = "\n".join(content).strip("\n")

    first_line: dict[str, int] = {}
    for passage in found:
        if passage.name in first_line:
            errors.append(
                _("Line %(line)d: there already is a passage named '%(passage)s' (line %(first)d).")
                % {"line": passage.line, "passage": passage.name, "first": first_line[passage.name]}
            )
            continue
        first_line[passage.name] = passage.line
        if passage.name == "StoryTitle":
            story.title = passage.text.strip()
        elif passage.name == "StoryData":
            _story_data(story, passage.text)
        if passage.is_special:
            story.skipped.append(passage.name)
        else:
            story.passages.append(passage)
    return story, errors


def _story_data(story: Story, text: str) -> None:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return  # the specification: discard StoryData that cannot be read, and go on
    if isinstance(data, dict):
        story.ifid = str(data.get("ifid", ""))
        story.format = str(data.get("format", ""))
        story.format_version = str(data.get("format-version", ""))
        story.start = str(data.get("start", "")).strip()


class _TwineHTML(HTMLParser):
    """Collects the story and passage elements of a Twine 2 HTML file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stories: list[dict] = []
        self.passages: list[tuple[dict, int, list[str]]] = []
        self.current: list[str] | None = None

    @classmethod
    def story_from(cls, text: str) -> tuple[Story, list[str]]:
        parser = cls()
        parser.feed(text)
        parser.close()
        return parser.story()

    def handle_starttag(self, tag, attrs):
        if tag == "tw-storydata":
            self.stories.append(dict(attrs))
        elif tag == "tw-passagedata":
            self.current = []
            self.passages.append(({k: v or "" for k, v in attrs}, self.getpos()[0], self.current))
        elif self.current is not None:
            # Passage text is escaped; raw markup (from a hand-written file) is kept as text.
            self.current.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "tw-passagedata":
            self.current = None
        elif self.current is not None:
            self.current.append(f"</{tag}>")

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)

    def story(self) -> tuple[Story, list[str]]:
        if len(self.stories) > 1:
            message = _("The file holds %(count)d stories; import them one at a time.")
            return Story(), [message % {"count": len(self.stories)}]
        attrs = self.stories[0] if self.stories else {}
        story = Story(
            title=(attrs.get("name") or "").strip(),
            ifid=attrs.get("ifid") or "",
            format=attrs.get("format") or "",
            format_version=attrs.get("format-version") or "",
        )
        errors = []
        first_line: dict[str, int] = {}
        start_pid = (attrs.get("startnode") or "").strip()
        for passage_attrs, line, parts in self.passages:
            name = passage_attrs.get("name", "").strip()
            if not name:
                errors.append(
                    _("Line %(line)d: the passage numbered %(pid)s has no name.")
                    % {"line": line, "pid": passage_attrs.get("pid", "?")}
                )
                continue
            if name in first_line:
                errors.append(
                    _(
                        "Line %(line)d: there already is a passage named '%(passage)s' "
                        "(line %(first)d)."
                    )
                    % {"line": line, "passage": name, "first": first_line[name]}
                )
                continue
            first_line[name] = line
            passage = Passage(
                name=name,
                text="".join(parts).strip("\n"),
                tags=passage_attrs.get("tags", "").split(),
                line=line,
            )
            if start_pid and passage_attrs.get("pid", "").strip() == start_pid:
                story.start = name
            if passage.is_special:
                story.skipped.append(name)
            else:
                story.passages.append(passage)
        if start_pid and not story.start and story.passages:
            errors.append(
                _("The story starts at the passage numbered %(pid)s, but there is none.")
                % {"pid": start_pid}
            )
        return story, errors


# Writing ---------------------------------------------------------------------------------
def _escape_name(text: str) -> str:
    return re.sub(r"([\\\[\]{}])", r"\\\1", text)


def write_twee(story: Story) -> str:
    """The story as Twee 3: StoryTitle, StoryData, then one passage after another."""
    data = {"ifid": story.ifid, "format": story.format or "Harlowe"}
    if story.format_version:
        data["format-version"] = story.format_version
    if story.start:
        data["start"] = story.start
    parts = [
        f":: StoryTitle\n{story.title}\n",
        ":: StoryData\n" + json.dumps(data, indent=2, ensure_ascii=False) + "\n",
    ]
    for passage in story.passages:
        header = ":: " + _escape_name(passage.name)
        if passage.tags:
            header += " [" + " ".join(_escape_name(tag) for tag in passage.tags) + "]"
        if passage.metadata:
            header += " " + json.dumps(passage.metadata, ensure_ascii=False)
        body = re.sub(r"^::", r"\\::", passage.text, flags=re.MULTILINE)
        parts.append(f"{header}\n{body}\n")
    return "\n".join(parts)
