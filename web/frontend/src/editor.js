// The sendkg SPARQL editor: CodeMirror 6 with SPARQL highlighting, Ctrl/Cmd+Enter to run, and completion of
// keywords, prefixes and this graph's own classes, properties and entity labels (from /query/terms.json).
// Built by `npm run build` into web/static/vendor/editor/editor.bundle.js (committed; see README.md here).
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

const KEYWORDS = ["SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS",
  "GRAPH", "SERVICE", "BIND", "VALUES", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "DISTINCT",
  "REDUCED", "PREFIX", "BASE", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "CONTAINS",
  "STRSTARTS", "LCASE", "UCASE", "STR", "LANG", "REGEX", "NOT EXISTS", "EXISTS", "DESC", "ASC", "AS"];

function declared(doc, prefix) {
  return new RegExp("PREFIX\\s+" + prefix + ":", "i").test(doc);
}

// Insert `text` in place of the completed word, and a PREFIX line at the top if the prefix is not declared.
function withPrefix(prefixes, text) {
  return (view, completion, from, to) => {
    const prefix = text.split(":")[0];
    const changes = [{ from, to, insert: text }];
    if (prefixes[prefix] && !declared(view.state.doc.toString(), prefix)) {
      changes.push({ from: 0, insert: `PREFIX ${prefix}: <${prefixes[prefix]}>\n` });
    }
    view.dispatch({ changes });
  };
}

function termOptions(terms, prefixes, kind) {
  return terms.map((t) => ({ label: t.curie, detail: t.label ? `${kind}: ${t.label}` : kind,
    type: kind === "class" ? "class" : "property", apply: withPrefix(prefixes, t.curie) }));
}

function source(state) {
  const { prefixes, terms } = state;
  const prefixOptions = Object.keys(prefixes).map((p) => ({ label: p + ":", detail: prefixes[p], type: "namespace",
    apply: withPrefix(prefixes, p + ":") }));
  const declarations = Object.keys(prefixes).map((p) => ({ label: `${p}: <${prefixes[p]}>`, type: "namespace" }));
  const keywordOptions = KEYWORDS.map((k) => ({ label: k, type: "keyword" }));
  let named = [], entities = [];
  const refresh = () => {
    if (!state.terms) return;
    named = termOptions(state.terms.classes, prefixes, "class").concat(termOptions(state.terms.properties, prefixes, "property"));
    entities = state.terms.entities.map((e) => ({ label: e.label, detail: e.type || "entity", type: "variable",
      apply: `<${e.iri}>`, info: e.iri }));
  };
  return (context) => {
    if (state.terms && !named.length) refresh();
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    if (/PREFIX\s+[\w-]*$/i.test(before)) {
      const word = context.matchBefore(/[\w-]*/);
      return { from: word.from, options: declarations };
    }
    const curie = context.matchBefore(/[A-Za-z][\w-]*:[\w-]*/);
    if (curie) return { from: curie.from, options: named.concat(prefixOptions), validFor: /^[\w-]*:?[\w-]*$/ };
    const word = context.matchBefore(/[A-Za-z][\w-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return { from: word.from, options: keywordOptions.concat(prefixOptions, entities), validFor: /^[\w-]*$/ };
  };
}

// The editor lives in a shadow root so CodeMirror's styles go in as constructed (adopted) style sheets, which
// the page's Content-Security-Policy (style-src 'self', no 'unsafe-inline') allows; a <style> tag it would not.
export function createEditor(host, options) {
  const shadow = host.attachShadow({ mode: "open" });
  const parent = document.createElement("div");
  shadow.append(parent);
  const state = { prefixes: options.prefixes || {}, terms: null };
  const run = () => { options.onRun(); return true; };
  const language = StreamLanguage.define(sparql);
  const view = new EditorView({
    doc: options.doc || "",
    parent,
    root: shadow,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run }, { key: "Ctrl-Enter", run }])),
      basicSetup,
      language,
      language.data.of({ autocomplete: source(state) }),
      EditorView.lineWrapping,
      EditorView.theme({ "&": { minHeight: "16rem", maxHeight: "60vh", fontSize: "14px", backgroundColor: "#fff" },
        ".cm-scroller": { overflow: "auto", fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace" },
        "&.cm-focused": { outline: "3px solid #ffbf47" } }),
      // tabindex: axe counts a contenteditable as focusable only with it, so the scroller is keyboard-reachable.
      EditorView.contentAttributes.of({ "aria-label": "SPARQL query editor. Press Control+Enter to run.", tabindex: "0" }),
    ],
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setTerms: (terms) => { state.terms = terms; },
    focus: () => view.focus(),
    goTo: (lineNumber, column) => {
      const line = view.state.doc.line(Math.min(Math.max(lineNumber, 1), view.state.doc.lines));
      view.dispatch({ selection: { anchor: Math.min(line.from + Math.max(column - 1, 0), line.to) }, scrollIntoView: true });
      view.focus();
    },
  };
}
