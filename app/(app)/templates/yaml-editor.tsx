"use client";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorState, type Text } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import type { ValidationIssue } from "@/lib/validation/types";

export type EditorIssue = ValidationIssue & { severity: "error" | "warning" };
export type YamlEditorHandle = { goToLine(line: number, column?: number): void };

const theme = EditorView.theme({
  "&": {
    fontSize: "12px",
    border: "1px solid var(--color-border)",
    borderRadius: "0.375rem",
    backgroundColor: "var(--color-background)",
  },
  "&.cm-focused": { outline: "2px solid color-mix(in oklab, var(--color-ring) 50%, transparent)" },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace",
    minHeight: "20rem",
    maxHeight: "36rem",
    overflow: "auto",
  },
  ".cm-gutters": { backgroundColor: "var(--color-muted)", borderRight: "1px solid var(--color-border)" },
});

/** CodeMirror 6 YAML editor with validation issues pinned to their lines (gutter markers + underlines). */
export function YamlEditor({
  value,
  onChange,
  issues,
  readOnly = false,
  label,
  ref,
}: {
  value: string;
  onChange?: (value: string) => void;
  issues: EditorIssue[];
  readOnly?: boolean;
  label: string;
  ref?: Ref<YamlEditorHandle>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          lintGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          yaml(),
          theme,
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current?.(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later value changes are applied below without recreating it.
  }, [readOnly, label]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v)
      v.dispatch(
        setDiagnostics(
          v.state,
          issues.map((i) => toDiagnostic(v.state.doc, i)),
        ),
      );
  }, [issues]);

  useImperativeHandle(
    ref,
    () => ({
      goToLine(line, column = 1) {
        const v = view.current;
        if (!v) return;
        const at = position(v.state.doc, line, column);
        v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
        v.focus();
      },
    }),
    [],
  );

  return <div ref={host} data-testid="yaml-editor" />;
}

function position(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return l.from + Math.min(Math.max(column - 1, 0), l.length);
}

/** Issues come from a validation of a slightly older text: clamp them into the current document. */
function toDiagnostic(doc: Text, issue: EditorIssue): Diagnostic {
  const line = doc.line(Math.min(Math.max(issue.line ?? 1, 1), doc.lines));
  const from = position(doc, issue.line ?? 1, issue.column ?? 1);
  return { from, to: Math.max(from, line.to), severity: issue.severity, message: issue.message };
}
