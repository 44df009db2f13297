/*
 * The scenario graph editor on the Wagtail page editor of a ScenarioPage.
 *
 * It is a layer over the page's own form and keeps no state of its own: it reads the scene
 * and choice inline forms from the page, draws them with Cytoscape.js, and every action
 * writes to those forms (a new scene is Wagtail's own "add scene", a link is a choice whose
 * target select is set, deleting is the inline form's DELETE). Saving, drafts, revisions,
 * preview and publishing therefore stay Wagtail's. While the author works, the scenario as
 * it stands in the form is sent to the server, which answers with the publishing problems.
 *
 * For tests and for people who want to look: `window.signaalGraph` holds the editor and its
 * Cytoscape instance.
 */
(function () {
  "use strict";

  const SCENES = "scenes";
  const NODE_WIDTH = 180;
  const NODE_HEIGHT = 56;
  const COLOURS = {
    line: "#57606a",
    text: "#1f2328",
    start: "#0550ae",
    problem: "#cf222e",
    good: ["#dafbe1", "#1a7f37"],
    partial: ["#fff8c5", "#9a6700"],
    harmful: ["#ffebe9", "#cf222e"],
  };
  const CHOICE_FIELDS = [
    "label",
    "target",
    "sets_flags",
    "requires_flags",
    "score",
    "requires_score_min",
    "requires_score_max",
  ];

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_match, name) =>
      name in values ? String(values[name]) : "",
    );
  }

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function debounce(fn, wait) {
    let timer = null;
    const debounced = (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), wait);
    };
    debounced.flush = (...args) => {
      clearTimeout(timer);
      fn(...args);
    };
    return debounced;
  }

  /* A field of a form in the page, by its Django id. */
  function field(prefix, name) {
    return document.getElementById(`id_${prefix}-${name}`);
  }

  /* Set a form field as a person would, so that Wagtail sees the change. */
  function setValue(input, value) {
    if (!input || input.value === value) {
      return;
    }
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function slugify(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40);
  }

  let editorText = null;

  /* What the editor says (the labels of a scene select among them), from the page. */
  function textOfPage() {
    if (!editorText) {
      const element = document.getElementById("scenario-graph-text");
      editorText = element ? JSON.parse(element.textContent) : { noScene: "", missingScene: "%(key)s" };
    }
    return editorText;
  }

  /* The scenes in the page form, as they stand: the one list every scene select offers. */
  function formScenes() {
    const forms = document.getElementById(`id_${SCENES}-FORMS`);
    const scenes = [];
    for (const child of forms ? forms.children : []) {
      if (!child.matches("[data-inline-panel-child]")) {
        continue;
      }
      const prefix = child.id.replace("inline_child_", "");
      const deletion = field(prefix, "DELETE");
      if (child.classList.contains("deleted") || (deletion && deletion.value === "1")) {
        continue;
      }
      scenes.push({
        prefix,
        key: (field(prefix, "key") || {}).value || "",
        title: ((field(prefix, "title") || {}).value || "").trim(),
      });
    }
    return scenes;
  }

  /* The options of a scene select: a blank, then every scene by title (or only `chosen`),
   * then the chosen key marked as missing when it names no scene. */
  function sceneOptionsHtml(scenes, { blank = true, except = null, chosen = undefined, text = textOfPage() } = {}) {
    const parts = blank ? [`<option value="">${escapeHtml(text.noScene)}</option>`] : [];
    const seen = new Set();
    for (const scene of scenes) {
      if (!scene.key || seen.has(scene.key) || scene.prefix === except) {
        continue;
      }
      seen.add(scene.key);
      if (chosen === undefined || scene.key === chosen) {
        parts.push(`<option value="${escapeHtml(scene.key)}">${escapeHtml(scene.title || scene.key)}</option>`);
      }
    }
    if (chosen && !seen.has(chosen)) {
      const label = format(text.missingScene, { key: chosen });
      parts.push(`<option value="${escapeHtml(chosen)}">${escapeHtml(label)}</option>`);
    }
    return parts.join("");
  }

  /* List every scene of the form in a scene select, keeping what it has chosen. A select
   * already listing these very scenes is left alone, so the list open in front of someone
   * is not rewritten while they pick from it. */
  function fillSceneSelect(select, scenes = formScenes(), value = select.value) {
    const signature = JSON.stringify(scenes.map((scene) => [scene.key, scene.title]));
    if (select.dataset.sceneFilled === signature && select.value === value) {
      return;
    }
    let html = sceneOptionsHtml(scenes);
    if (value && !scenes.some((scene) => scene.key === value)) {
      const label = format(textOfPage().missingScene, { key: value });
      html += `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
    }
    select.innerHTML = html;
    select.value = value;
    select.dataset.sceneFilled = signature;
    delete select.dataset.sceneChosen;
  }

  /* A target select lists the scenes once it gets the focus (Tab, a click) or is pressed
   * (the mouse opens a select before it is focused in some browsers), with or without the
   * graph; listening on the document also covers scene and choice forms added later. */
  function fillOnUse(event) {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.matches("select[data-scene-select]")) {
      fillSceneSelect(select);
    }
  }
  for (const type of ["focusin", "mousedown", "pointerdown", "touchstart"]) {
    document.addEventListener(type, fillOnUse, { capture: true, passive: true });
  }

  class GraphEditor {
    constructor(root, forms) {
      this.root = root;
      this.forms = forms;
      this.form = forms.closest("form");
      this.text = JSON.parse(document.getElementById("scenario-graph-text").textContent);
      this.problemsUrl = root.dataset.problemsUrl;
      this.start = document.getElementById("id_start_scene");
      this.controls = {
        newTitle: root.querySelector("[data-graph-new-title]"),
        scene: root.querySelector("[data-graph-scene]"),
        rename: root.querySelector("[data-graph-rename]"),
        ending: root.querySelector("[data-graph-ending]"),
        link: root.querySelector("[data-graph-link]"),
        linkLabel: root.querySelector("[data-graph-link-label]"),
        choice: root.querySelector("[data-graph-choice]"),
        status: root.querySelector("[data-graph-status]"),
        problems: root.querySelector("[data-graph-problems]"),
      };
      this.buttons = {};
      root.querySelectorAll("[data-graph-action]").forEach((button) => {
        this.buttons[button.dataset.graphAction] = button;
      });
      this.selected = null; // the prefix of the selected scene, e.g. "scenes-3"
      this.selectedChoice = null; // the prefix of the selected choice
      this.problemKeys = new Set();
      this.problemsSent = null;
      this.keyOfPrefix = new Map();
      this.optionsVersion = 0;
      this.optionsSignature = null;
      this.generatedKeys = new Set();
      this.model = this.read();
      this.rememberOptions(this.model);
      this.refreshSoon = debounce(() => this.refresh(), 150);
      this.checkSoon = debounce(() => this.checkProblems(), 500);

      // The graph is built in the visible editor (Cytoscape measures its container); the
      // drawing made on the server goes only once that worked.
      const editor = root.querySelector("[data-graph-editor]");
      editor.hidden = false;
      this.canvas = root.querySelector("[data-graph-canvas]");
      try {
        this.cy = this.createGraph();
        // The canvas changes size with the panel (the toolbar wraps, the side panel opens):
        // Cytoscape draws into the size it measured last until told again.
        if (window.ResizeObserver) {
          new ResizeObserver(() => this.cy.resize()).observe(this.canvas);
        }
        this.handle = this.createHandle();
        this.bind();
        this.initialising = true;
        this.refresh();
        this.initialising = false;
        this.layout();
      } catch (error) {
        editor.hidden = true;
        throw error;
      }
      const fallback = root.querySelector("[data-graph-fallback]");
      if (fallback) {
        fallback.remove();
      }
      this.checkSoon.flush();
      root.dataset.graphReady = "true";
    }

    /* Reading the form ------------------------------------------------------------------ */

    isDeleted(child, prefix) {
      const deletion = field(prefix, "DELETE");
      return child.classList.contains("deleted") || (deletion && deletion.value === "1");
    }

    children(container) {
      return Array.from(container ? container.children : []).filter((child) =>
        child.matches("[data-inline-panel-child]"),
      );
    }

    read() {
      const scenes = [];
      for (const child of this.children(this.forms)) {
        const prefix = child.id.replace("inline_child_", "");
        if (this.isDeleted(child, prefix)) {
          continue;
        }
        const choices = [];
        for (const choiceChild of this.children(document.getElementById(`id_${prefix}-choices-FORMS`))) {
          const choicePrefix = choiceChild.id.replace("inline_child_", "");
          if (this.isDeleted(choiceChild, choicePrefix)) {
            continue;
          }
          const choice = { prefix: choicePrefix };
          for (const name of CHOICE_FIELDS) {
            const input = field(choicePrefix, name);
            choice[name] = input ? input.value.trim() : "";
          }
          choices.push(choice);
        }
        const id = field(prefix, "id");
        scenes.push({
          prefix,
          key: (field(prefix, "key") || {}).value || "",
          title: ((field(prefix, "title") || {}).value || "").trim(),
          outcome: (field(prefix, "outcome") || {}).value || "",
          saved: Boolean(id && id.value),
          choices,
        });
      }
      const byKey = new Map();
      const byPrefix = new Map();
      for (const scene of scenes) {
        if (scene.key && !byKey.has(scene.key)) {
          byKey.set(scene.key, scene);
        }
        byPrefix.set(scene.prefix, scene);
      }
      return { start: this.start ? this.start.value : "", scenes, byKey, byPrefix };
    }

    titleOf(scene) {
      return scene.title || scene.key;
    }

    /* Keeping every scene select in step ---------------------------------------------- */

    rememberOptions(model) {
      this.keyOfPrefix = new Map(model.scenes.map((scene) => [scene.prefix, scene.key]));
      this.optionsSignature = JSON.stringify(model.scenes.map((s) => [s.prefix, s.key, s.title]));
    }

    optionsHtml(model, { blank = true, except = null } = {}) {
      return sceneOptionsHtml(model.scenes, { blank, except, text: this.text });
    }

    /* When scenes change, every scene select follows: a scene whose key changed stays chosen
     * under its new key, and a key that names no scene any more stays chosen, marked as
     * missing. The start select lists every scene; a choice's target shows only its chosen
     * scene until it is focused or opened (`fillSceneSelect`), so a large case does not keep
     * 110,000 options in the page. */
    syncSelects(model) {
      const signature = JSON.stringify(model.scenes.map((s) => [s.prefix, s.key, s.title]));
      if (signature === this.optionsSignature) {
        return;
      }
      const renamed = new Map();
      for (const scene of model.scenes) {
        const before = this.keyOfPrefix.get(scene.prefix);
        if (before !== undefined && before !== scene.key) {
          renamed.set(before, scene.key);
        }
      }
      this.optionsVersion += 1;
      document.querySelectorAll("select[data-scene-select]").forEach((select) => {
        const before = select.value;
        const value = renamed.has(before) ? renamed.get(before) : before;
        if (select === this.start || select === document.activeElement) {
          fillSceneSelect(select, model.scenes, value);
          return;
        }
        const html = sceneOptionsHtml(model.scenes, { chosen: value, text: this.text });
        if (value === before && !select.dataset.sceneFilled && select.dataset.sceneChosen === html) {
          return; // its chosen scene is as it was
        }
        select.innerHTML = html;
        select.value = value;
        select.dataset.sceneChosen = html;
        delete select.dataset.sceneFilled;
      });
      this.keyOfPrefix = new Map(model.scenes.map((scene) => [scene.prefix, scene.key]));
      this.optionsSignature = signature;
    }

    /* Choose a scene in a select that may list only its chosen scene so far. */
    chooseScene(select, key) {
      if (!select) {
        return;
      }
      fillSceneSelect(select, this.read().scenes);
      setValue(select, key);
    }

    /* The graph -------------------------------------------------------------------------- */

    createGraph() {
      const cy = window.cytoscape({
        container: this.canvas,
        minZoom: 0.01, // 200 scenes in a long chain still fit
        maxZoom: 2.5,
        wheelSensitivity: 0.3,
        boxSelectionEnabled: false,
        selectionType: "single",
        style: [
          {
            selector: "node",
            style: {
              shape: "round-rectangle",
              width: NODE_WIDTH,
              height: NODE_HEIGHT,
              "background-color": "#ffffff",
              "border-width": 2,
              "border-color": COLOURS.line,
              label: "data(label)",
              "text-wrap": "wrap",
              "text-max-width": NODE_WIDTH - 16,
              "text-valign": "center",
              "text-halign": "center",
              "font-family": "system-ui, sans-serif",
              "font-size": 13,
              color: COLOURS.text,
              "min-zoomed-font-size": 6,
            },
          },
          { selector: "node.start", style: { "border-color": COLOURS.start, "border-width": 4 } },
          ...["good", "partial", "harmful"].map((outcome) => ({
            selector: `node.${outcome}`,
            style: {
              "background-color": COLOURS[outcome][0],
              "border-color": COLOURS[outcome][1],
            },
          })),
          {
            selector: "node.problem",
            style: { "border-color": COLOURS.problem, "border-width": 3, "border-style": "dashed" },
          },
          {
            selector: "node:selected",
            style: {
              "border-width": 5,
              "overlay-color": COLOURS.start,
              "overlay-opacity": 0.18,
              "overlay-padding": 6,
            },
          },
          {
            selector: "edge",
            style: {
              width: 1.5,
              "curve-style": "bezier",
              "line-color": COLOURS.line,
              "target-arrow-color": COLOURS.line,
              "target-arrow-shape": "triangle",
              label: "data(label)",
              "font-size": 11,
              "font-family": "system-ui, sans-serif",
              color: COLOURS.text,
              "text-wrap": "ellipsis",
              "text-max-width": 140,
              "text-rotation": "autorotate",
              "text-background-color": "#ffffff",
              "text-background-opacity": 0.85,
              "text-background-padding": 2,
              "min-zoomed-font-size": 9,
            },
          },
          {
            selector: "edge:selected",
            style: { width: 4, "line-color": COLOURS.start, "target-arrow-color": COLOURS.start },
          },
          {
            selector: ".eh-preview, .eh-ghost-edge",
            style: {
              "line-color": COLOURS.start,
              "target-arrow-color": COLOURS.start,
              "line-style": "dashed",
              width: 3,
            },
          },
          { selector: ".eh-ghost-edge.eh-preview-active", style: { opacity: 0 } },
          { selector: "node.eh-target", style: { "border-color": COLOURS.start, "border-width": 5 } },
        ],
      });
      this.edgehandles = cy.edgehandles({
        canConnect: (source, target) =>
          !source.same(target) && !source.hasClass("ending") && !target.hasClass("eh-ghost"),
        edgeParams: () => ({}),
        hoverDelay: 80,
        snap: true,
        snapThreshold: 24,
        snapFrequency: 30,
        noEdgeEventsInDraw: true,
        disableBrowserGestures: true,
      });
      return cy;
    }

    nodeLabel(scene, model) {
      const marks = [];
      if (scene.key && scene.key === model.start) {
        marks.push("▶");
      }
      if (this.problemKeys.has(scene.key)) {
        marks.push("⚠");
      }
      const title = this.titleOf(scene) || this.text.untitled;
      const lines = [marks.length ? `${marks.join(" ")} ${title}` : title];
      if (scene.outcome) {
        lines.push(this.text.outcomes[scene.outcome] || scene.outcome);
      }
      return lines.join("\n");
    }

    isTemporary(element) {
      return element.hasClass("eh-ghost") || element.hasClass("eh-preview");
    }

    render(model) {
      const cy = this.cy;
      cy.batch(() => {
        const nodes = new Set();
        for (const scene of model.scenes) {
          nodes.add(scene.prefix);
          let node = cy.getElementById(scene.prefix);
          const data = { key: scene.key, label: this.nodeLabel(scene, model) };
          if (node.empty()) {
            node = cy.add({
              group: "nodes",
              data: { id: scene.prefix, ...data },
              position: this.placeFor(scene),
            });
          } else {
            node.data(data);
          }
          node.toggleClass("start", Boolean(scene.key) && scene.key === model.start);
          node.toggleClass("ending", Boolean(scene.outcome));
          for (const outcome of ["good", "partial", "harmful"]) {
            node.toggleClass(outcome, scene.outcome === outcome);
          }
          node.toggleClass("problem", this.problemKeys.has(scene.key));
        }
        cy.nodes()
          .filter((node) => !nodes.has(node.id()) && !this.isTemporary(node))
          .remove();

        const edges = new Set();
        for (const scene of model.scenes) {
          if (scene.outcome) {
            continue; // an ending leads nowhere, whatever choices its form still holds
          }
          for (const choice of scene.choices) {
            const target = model.byKey.get(choice.target);
            if (!target) {
              continue;
            }
            edges.add(choice.prefix);
            let edge = cy.getElementById(choice.prefix);
            if (edge.nonempty() && edge.data("target") !== target.prefix) {
              edge.remove();
              edge = cy.collection();
            }
            const data = { id: choice.prefix, source: scene.prefix, target: target.prefix, label: choice.label };
            if (edge.empty()) {
              cy.add({ group: "edges", data });
            } else {
              edge.data("label", choice.label);
            }
          }
        }
        cy.edges()
          .filter((edge) => !edges.has(edge.id()) && !this.isTemporary(edge))
          .remove();
      });
    }

    /* Where a scene added in the editor appears: below the selected scene, or in the middle
     * of what is in view, moved aside until it covers no other scene. */
    placeFor(scene) {
      if (this.initialising) {
        return { x: 0, y: 0 }; // the layout that follows places every scene
      }
      const anchor = this.selected ? this.cy.getElementById(this.selected) : null;
      const extent = this.cy.extent();
      let x = (extent.x1 + extent.x2) / 2;
      let y = (extent.y1 + extent.y2) / 2;
      if (anchor && anchor.nonempty() && anchor.id() !== scene.prefix) {
        x = anchor.position("x");
        y = anchor.position("y") + NODE_HEIGHT * 2;
      }
      const taken = (px, py) =>
        this.cy.nodes().some(
          (node) =>
            Math.abs(node.position("x") - px) < NODE_WIDTH + 10 &&
            Math.abs(node.position("y") - py) < NODE_HEIGHT + 10,
        );
      for (let step = 0; step < 50 && taken(x, y); step += 1) {
        x += NODE_WIDTH + 20;
      }
      return { x, y };
    }

    /* Lay the scenes out in layers from the start. Top to bottom reads best; a long chain
     * is laid out left to right instead when that shows it larger in the canvas. */
    layout() {
      const cy = this.cy;
      if (cy.nodes().empty()) {
        return;
      }
      cy.resize();
      const run = (rankDir) => {
        cy.layout({
          name: "dagre",
          rankDir,
          nodeSep: 28,
          rankSep: 64,
          edgeSep: 12,
          fit: true,
          padding: 24,
          animate: false,
        }).run();
        return cy.zoom();
      };
      const downwards = run("TB");
      if (downwards < 0.6 && run("LR") < downwards) {
        run("TB");
      }
      this.fit();
    }

    fit() {
      // A pan still gliding towards a newly added scene would land after the fit and undo it.
      this.cy.stop(true);
      // Cytoscape keeps the canvas size it measured last; the panel may have changed since.
      this.cy.resize();
      this.cy.fit(undefined, 24);
      if (this.cy.zoom() > 1.2) {
        this.cy.zoom(1.2);
        this.cy.center();
      }
      this.placeHandle();
    }

    /* The round handle under a scene: drag it onto another scene to add a choice. */
    createHandle() {
      const handle = document.createElement("div");
      handle.className = "scenario-graph__handle";
      handle.hidden = true;
      handle.title = this.text.handle;
      handle.setAttribute("aria-hidden", "true");
      this.canvas.appendChild(handle);
      const start = (event) => {
        const node = this.handleNode ? this.cy.getElementById(this.handleNode) : null;
        if (!node || node.empty()) {
          return;
        }
        event.preventDefault();
        this.edgehandles.start(node);
      };
      handle.addEventListener("mousedown", start);
      handle.addEventListener("touchstart", start, { passive: false });
      return handle;
    }

    placeHandle(prefix = this.handleNode) {
      this.handleNode = prefix;
      const node = prefix ? this.cy.getElementById(prefix) : null;
      if (!node || node.empty() || node.hasClass("ending") || this.cy.zoom() < 0.3) {
        this.handle.hidden = true;
        return;
      }
      const position = node.renderedPosition();
      this.handle.style.left = `${position.x}px`;
      this.handle.style.top = `${position.y + node.renderedOuterHeight() / 2 + 10}px`;
      this.handle.hidden = false;
    }

    /* Events ------------------------------------------------------------------------------ */

    bind() {
      const cy = this.cy;
      cy.on("select", "node", (event) => this.select(event.target.id(), { fromGraph: true }));
      cy.on("unselect", "node", () => {
        if (!cy.$("node:selected").nonempty()) {
          this.select(null, { fromGraph: true });
        }
      });
      cy.on("select", "edge", (event) => {
        // A choice belongs to its scene: the toolbar shows that scene with this choice.
        this.selectedChoice = event.target.id();
        this.selected = event.target.source().id();
        this.updateToolbar();
      });
      cy.on("unselect", "edge", () => {
        this.selectedChoice = null;
        this.updateToolbar();
      });
      cy.on("dbltap", "node", (event) => this.openForm(event.target.id()));
      cy.on("mouseover", "node", (event) => {
        if (!this.edgehandles.active) {
          this.placeHandle(event.target.id());
        }
      });
      cy.on("pan zoom", () => this.placeHandle());
      cy.on("position", "node", (event) => {
        if (event.target.id() === this.handleNode) {
          this.placeHandle();
        }
      });
      cy.on("ehcomplete", (_event, source, target, added) => {
        added.remove();
        this.link(source.id(), target.id(), "");
      });
      cy.on("ehstop", () => this.placeHandle());
      // Folding the panel away and back leaves the canvas measured at its folded size.
      this.root.closest("form")?.addEventListener("wagtail:panel-toggle", () =>
        requestAnimationFrame(() => {
          cy.resize();
          this.placeHandle();
        }),
      );

      const form = this.form || document;
      const onFormChange = (event) => {
        const name = event.target && event.target.name;
        if (!name || !(name.startsWith(`${SCENES}-`) || name === "start_scene")) {
          return;
        }
        const key = /^(scenes-\d+)-key$/.exec(name);
        if (key && event.isTrusted) {
          this.generatedKeys.delete(key[1]); // a key the author typed is theirs to keep
        }
        this.refreshSoon();
      };
      form.addEventListener("input", onFormChange);
      form.addEventListener("change", onFormChange);
      form.addEventListener("w-formset:added", (event) => this.formAdded(event));
      form.addEventListener("w-formset:removed", () => this.refreshSoon());

      this.buttons.add.addEventListener("click", () => this.addScene());
      this.buttons.fit.addEventListener("click", () => this.fit());
      this.buttons.layout.addEventListener("click", () => this.layout());
      this.buttons.link.addEventListener("click", () => {
        if (this.selected && this.controls.link.value) {
          const target = this.model.byKey.get(this.controls.link.value);
          if (target) {
            this.link(this.selected, target.prefix, this.controls.linkLabel.value.trim());
            this.controls.link.value = "";
            this.controls.linkLabel.value = "";
            this.updateToolbar();
          }
        }
      });
      this.buttons.start.addEventListener("click", () => this.makeStart());
      this.buttons.open.addEventListener("click", () => this.openForm(this.selected));
      this.buttons.delete.addEventListener("click", () => this.deleteScene());
      this.buttons.unlink.addEventListener("click", () => this.deleteChoice());

      const enter = (input, action) =>
        input.addEventListener("keydown", (event) => {
          // Enter in a field of the page form would submit the page; here it applies.
          if (event.key === "Enter") {
            event.preventDefault();
            action();
          }
        });
      enter(this.controls.newTitle, () => this.addScene());
      enter(this.controls.rename, () => this.refresh()); // the title changes as it is typed
      enter(this.controls.linkLabel, () => this.buttons.link.click());
      this.controls.scene.addEventListener("change", () => {
        const scene = this.model.byKey.get(this.controls.scene.value);
        this.select(scene ? scene.prefix : null, { centre: true });
      });
      this.controls.rename.addEventListener("input", () => this.rename(this.controls.rename.value));
      this.controls.ending.addEventListener("change", () =>
        this.setEnding(this.controls.ending.value),
      );
      this.controls.link.addEventListener("change", () => this.updateToolbar());
      this.controls.choice.addEventListener("change", () => {
        this.selectedChoice = this.controls.choice.value || null;
        const edge = this.selectedChoice ? this.cy.getElementById(this.selectedChoice) : null;
        if (edge && edge.nonempty()) {
          this.cy.batch(() => {
            this.cy.$(":selected").unselect();
            edge.select();
          });
        }
        this.updateToolbar();
      });
      this.controls.problems.addEventListener("click", (event) => {
        const button = event.target.closest("[data-problem-scene]");
        if (button) {
          const scene = this.model.byKey.get(button.dataset.problemScene);
          if (scene) {
            this.select(scene.prefix, { centre: true });
          }
        }
      });
    }

    /* A scene or choice form was added, by the editor or by the form's own buttons. */
    formAdded(event) {
      const prefix = (event.detail && event.detail.formsetPrefix) || "";
      const index = event.detail ? event.detail.formIndex : null;
      if (prefix === `id_${SCENES}` && index !== null) {
        // Every added scene form starts with the same key (the empty form's); give it its own.
        const key = field(`${SCENES}-${index}`, "key");
        if (key) {
          key.value = this.uniqueKey("scene");
          this.generatedKeys.add(`${SCENES}-${index}`);
        }
      }
      this.refresh();
    }

    uniqueKey(base, except = null) {
      const taken = new Set(
        this.read()
          .scenes.filter((scene) => scene.prefix !== except)
          .map((scene) => scene.key),
      );
      const stem = slugify(base) || "scene";
      if (stem !== "scene" && !taken.has(stem)) {
        return stem;
      }
      for (;;) {
        const candidate = `${stem}-${Math.random().toString(16).slice(2, 8)}`;
        if (!taken.has(candidate)) {
          return candidate;
        }
      }
    }

    refresh() {
      const model = this.read();
      this.model = model;
      this.syncSelects(model);
      this.render(model);
      if (this.selected && !model.byPrefix.has(this.selected)) {
        this.selected = null;
      }
      this.updateToolbar();
      this.placeHandle();
      this.checkSoon();
    }

    /* The toolbar ----------------------------------------------------------------------- */

    select(prefix, { fromGraph = false, centre = false } = {}) {
      this.selected = prefix && this.model.byPrefix.has(prefix) ? prefix : null;
      if (!fromGraph) {
        this.cy.batch(() => {
          this.cy.$(":selected").unselect();
          if (this.selected) {
            this.cy.getElementById(this.selected).select();
          }
        });
        this.selected = prefix && this.model.byPrefix.has(prefix) ? prefix : null;
      }
      if (this.selected) {
        this.placeHandle(this.selected);
        if (centre) {
          const node = this.cy.getElementById(this.selected);
          this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 0.8) }, { duration: 200 });
        }
      }
      this.updateToolbar();
    }

    updateToolbar() {
      const model = this.model;
      const scene = this.selected ? model.byPrefix.get(this.selected) : null;
      const { scene: sceneSelect, rename, ending, link, linkLabel } = this.controls;
      // Options are rewritten only when they change: rewriting a list while someone types
      // into it to pick an option would lose what they typed.
      const version = String(this.optionsVersion);
      if (sceneSelect.dataset.version !== version) {
        sceneSelect.innerHTML = this.optionsHtml(model);
        sceneSelect.dataset.version = version;
      }
      const linkVersion = `${version}/${this.selected}`;
      if (link.dataset.version !== linkVersion) {
        link.innerHTML = this.optionsHtml(model, { except: this.selected });
        link.dataset.version = linkVersion;
      }
      sceneSelect.value = scene ? scene.key : "";
      if (document.activeElement !== rename) {
        rename.value = scene ? scene.title : "";
      }
      ending.value = scene ? scene.outcome : "";
      const none = !scene;
      rename.disabled = none;
      ending.disabled = none;
      link.disabled = none || Boolean(scene.outcome);
      linkLabel.disabled = link.disabled;
      this.buttons.link.disabled = link.disabled || !link.value;
      this.buttons.start.disabled = none || scene.key === model.start;
      this.buttons.open.disabled = none;
      this.buttons.delete.disabled = none;
      const choices = scene && !scene.outcome ? scene.choices : [];
      const choiceOptions = [`<option value="">${escapeHtml(this.text.noChoice)}</option>`];
      for (const choice of choices) {
        const target = model.byKey.get(choice.target);
        const label = format(target ? this.text.choiceTo : this.text.choiceNowhere, {
          label: choice.label || this.text.untitled,
          target: target ? this.titleOf(target) : "",
        });
        choiceOptions.push(`<option value="${escapeHtml(choice.prefix)}">${escapeHtml(label)}</option>`);
      }
      const choiceHtml = choiceOptions.join("");
      if (this.shownChoices !== choiceHtml) {
        this.controls.choice.innerHTML = choiceHtml;
        this.shownChoices = choiceHtml;
      }
      if (!choices.some((choice) => choice.prefix === this.selectedChoice)) {
        this.selectedChoice = null;
      }
      this.controls.choice.value = this.selectedChoice || "";
      this.controls.choice.disabled = !choices.length;
      this.buttons.unlink.disabled = !this.selectedChoice;
    }

    say(message) {
      this.controls.status.textContent = message;
    }

    /* Actions, each written into the page form ----------------------------------------- */

    /* Press a button of Wagtail's inline panel, keeping the author where they are: the panel
     * scrolls to and focuses the form it adds, which is right in the form, not here. */
    pressKeepingPlace(button) {
      const focused = document.activeElement;
      const scrollX = window.scrollX;
      const scrollY = window.scrollY;
      button.click();
      window.scrollTo({ left: scrollX, top: scrollY, behavior: "instant" });
      if (focused && focused !== document.body) {
        focused.focus({ preventScroll: true });
      }
      // The panel scrolls smoothly after a frame; hold the place once more.
      requestAnimationFrame(() => window.scrollTo({ left: scrollX, top: scrollY, behavior: "instant" }));
    }

    addScene() {
      const addButton = document.getElementById(`id_${SCENES}-ADD`);
      const total = document.getElementById(`id_${SCENES}-TOTAL_FORMS`);
      if (!addButton || !total) {
        return;
      }
      const index = parseInt(total.value, 10);
      const typed = this.controls.newTitle.value.trim();
      const title = typed || format(this.text.newScene, { number: this.model.scenes.length + 1 });
      this.pressKeepingPlace(addButton);
      const prefix = `${SCENES}-${index}`;
      setValue(field(prefix, "title"), title);
      setValue(field(prefix, "key"), this.uniqueKey(title, prefix));
      this.generatedKeys.add(prefix);
      if (!this.model.start && this.start) {
        this.refresh();
        this.chooseScene(this.start, field(prefix, "key").value);
      }
      this.controls.newTitle.value = "";
      this.refresh();
      this.select(prefix);
      const node = this.cy.getElementById(prefix);
      if (node.nonempty() && !this.inView(node)) {
        this.cy.animate({ center: { eles: node } }, { duration: 200 });
      }
      this.say(format(this.text.added, { title }));
    }

    inView(node) {
      const extent = this.cy.extent();
      const { x, y } = node.position();
      return x > extent.x1 && x < extent.x2 && y > extent.y1 && y < extent.y2;
    }

    /* A choice from one scene to another: the scene's first choice that leads nowhere yet,
     * or a new one, with the target select set to the other scene. */
    link(sourcePrefix, targetPrefix, label) {
      const model = this.read();
      const source = model.byPrefix.get(sourcePrefix);
      const target = model.byPrefix.get(targetPrefix);
      if (!source || !target) {
        return;
      }
      if (source.outcome) {
        this.say(format(this.text.endingHasNoChoices, { title: this.titleOf(source) }));
        return;
      }
      let choice = source.choices.find((candidate) => !candidate.target);
      if (!choice) {
        const addButton = document.getElementById(`id_${sourcePrefix}-choices-ADD`);
        const total = document.getElementById(`id_${sourcePrefix}-choices-TOTAL_FORMS`);
        if (!addButton || !total) {
          return;
        }
        const index = parseInt(total.value, 10);
        this.pressKeepingPlace(addButton);
        choice = { prefix: `${sourcePrefix}-choices-${index}`, label: "" };
      }
      const text = label || choice.label || this.titleOf(target);
      setValue(field(choice.prefix, "label"), text);
      this.chooseScene(field(choice.prefix, "target"), target.key);
      this.refresh();
      this.say(
        format(this.text.linked, { source: this.titleOf(source), target: this.titleOf(target), label: text }),
      );
    }

    rename(title) {
      const scene = this.selected ? this.model.byPrefix.get(this.selected) : null;
      if (!scene) {
        return;
      }
      setValue(field(scene.prefix, "title"), title);
      // A scene made here and not yet saved takes its key from its title; the choices that
      // lead to it follow (syncSelects), so keys stay readable in exports.
      if (!scene.saved && this.generatedKeys.has(scene.prefix) && title.trim()) {
        setValue(field(scene.prefix, "key"), this.uniqueKey(title, scene.prefix));
      }
      this.refreshSoon();
    }

    setEnding(outcome) {
      const scene = this.selected ? this.model.byPrefix.get(this.selected) : null;
      if (!scene) {
        return;
      }
      setValue(field(scene.prefix, "outcome"), outcome);
      this.refresh();
      this.say(
        outcome
          ? format(this.text.endingSet, { title: this.titleOf(scene), outcome: this.text.outcomes[outcome] })
          : format(this.text.endingCleared, { title: this.titleOf(scene) }),
      );
    }

    makeStart() {
      const scene = this.selected ? this.model.byPrefix.get(this.selected) : null;
      if (!scene || !this.start) {
        return;
      }
      this.chooseScene(this.start, scene.key);
      this.refresh();
      this.say(format(this.text.startSet, { title: this.titleOf(scene) }));
    }

    deleteScene() {
      const scene = this.selected ? this.model.byPrefix.get(this.selected) : null;
      const button = scene ? document.getElementById(`id_${scene.prefix}-DELETE-button`) : null;
      if (!button) {
        return;
      }
      button.click();
      this.select(null);
      this.refresh();
      this.say(format(this.text.deleted, { title: this.titleOf(scene) }));
    }

    deleteChoice() {
      const prefix = this.selectedChoice;
      const button = prefix ? document.getElementById(`id_${prefix}-DELETE-button`) : null;
      if (!button) {
        return;
      }
      const label = (field(prefix, "label") || {}).value || "";
      button.click();
      this.selectedChoice = null;
      this.refresh();
      this.say(format(this.text.choiceDeleted, { label }));
    }

    /* The scene's own form below is the detailed editor: open it and go there. */
    openForm(prefix) {
      const panel = prefix ? document.getElementById(`inline_child_${prefix}`) : null;
      if (!panel) {
        return;
      }
      const toggle = panel.querySelector("[data-panel-toggle]");
      if (toggle && toggle.getAttribute("aria-expanded") === "false") {
        toggle.click();
      }
      panel.scrollIntoView({ block: "start" });
      const title = field(prefix, "title");
      if (title) {
        title.focus({ preventScroll: true });
      }
    }

    /* Problems ------------------------------------------------------------------------- */

    payload() {
      const model = this.model;
      return {
        start: model.start,
        scenes: model.scenes.map((scene) => ({
          key: scene.key,
          title: scene.title,
          outcome: scene.outcome,
          choices: scene.choices.map((choice) => {
            const sent = {};
            for (const name of CHOICE_FIELDS) {
              sent[name] = choice[name];
            }
            return sent;
          }),
        })),
      };
    }

    async checkProblems() {
      if (!this.problemsUrl) {
        return;
      }
      const body = JSON.stringify(this.payload());
      if (body === this.problemsSent) {
        return;
      }
      this.problemsSent = body;
      if (this.request) {
        this.request.abort();
      }
      const request = new AbortController();
      this.request = request;
      const token = this.form && this.form.querySelector("input[name=csrfmiddlewaretoken]");
      try {
        const response = await fetch(this.problemsUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            "X-CSRFToken": token ? token.value : "",
          },
          body,
          signal: request.signal,
        });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
          throw new Error(answer.error || response.statusText);
        }
        this.showProblems(answer.problems || []);
      } catch (error) {
        if (error.name !== "AbortError") {
          this.problemsSent = null;
          this.showProblemsError(error.message);
        }
      }
    }

    showProblems(problems) {
      this.problemKeys = new Set(problems.map((problem) => problem.scene).filter(Boolean));
      const container = this.controls.problems;
      let html;
      if (problems.length) {
        const summary = format(problems.length === 1 ? this.text.problemsOne : this.text.problemsOther, {
          counter: problems.length,
        });
        const items = problems
          .map((problem) => {
            const message = escapeHtml(problem.message);
            if (problem.scene && this.model.byKey.has(problem.scene)) {
              return `<li><button type="button" class="scenario-graph__problem" data-problem-scene="${escapeHtml(problem.scene)}">${message}</button></li>`;
            }
            return `<li>${message}</li>`;
          })
          .join("");
        html = `<div class="help-block help-warning"><p><strong>${escapeHtml(summary)}</strong></p><ul class="scenario-graph__problems">${items}</ul></div>`;
      } else if (this.model.scenes.length) {
        html = `<p class="help-block help-info">${escapeHtml(this.text.noProblems)}</p>`;
      } else {
        html = "";
      }
      // Only a change is written, so the live region speaks only when there is news.
      if (this.shownProblems !== html) {
        container.innerHTML = html;
        this.shownProblems = html;
      }
      container.dataset.problemCount = String(problems.length);
      this.render(this.model);
    }

    showProblemsError(message) {
      const text = format(this.text.checkFailed, { error: message });
      this.controls.problems.innerHTML = `<p class="help-block help-critical">${escapeHtml(text)}</p>`;
      this.shownProblems = null;
      delete this.controls.problems.dataset.problemCount;
    }
  }

  function start() {
    const root = document.querySelector("[data-scenario-graph]");
    const forms = document.getElementById(`id_${SCENES}-FORMS`);
    if (!root || !forms || !window.cytoscape || root.dataset.graphReady) {
      return;
    }
    const editor = new GraphEditor(root, forms);
    window.signaalGraph = { editor, cy: editor.cy };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
