"""Inline text editing on a TextItem: caret, selection, keys, input methods, clipboard.

The editor never changes the item: it computes the new full text and pushes an
``EditText`` command; the document notifies the scene, the item re-lays itself out with the
core layout, and the caret (a code-point offset) stays where the edit put it. Typing, deleting
and pasting in one burst share a merge key, so they are one undo step; moving the caret with
the mouse or arrow keys, or leaving the box, starts a new burst.

Enter starts a new paragraph (with the style of the paragraph it splits); Shift+Enter does
the same (the model has no soft line break). Escape or a click outside ends editing.

Character formatting: Ctrl+B, Ctrl+I and Ctrl+U toggle bold, italic and underline of the
selected characters (one undo step; runs in the model); with no selection they apply to the
whole box, as the properties panel does. :meth:`TextEditor.format_selection` is what the
properties panel calls for its font, size, bold, italic and colour while text is selected.
Typed characters take the look of the character before them (the model's runs follow edits).

Clipboard: :meth:`TextEditor.copy`, :meth:`~TextEditor.cut` and :meth:`~TextEditor.paste` (the
keys and the right-click menu's text entries call these) put the selection on the clipboard as
plain text plus its character looks (``application/x-cardwise-runs+json``); text pasted from
Cardwise keeps its look, text from other applications takes the look before the caret.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence

from app.model.elements import RUN_FIELDS
from app.model.text_clip import MIME_TYPE, clip_from_json, clip_to_json, copy_range, paste_paragraphs
from app.ui.commands import EditText, SetProperty, SetStyle, new_token

if TYPE_CHECKING:  # pragma: no cover
    from app.ui.canvas.items import TextItem


class TextEditor:
    """Editing state of one TextItem (created by ``CardScene.begin_text_edit``)."""

    def __init__(self, item: "TextItem", undo_stack, document) -> None:
        self.item = item
        self.undo_stack = undo_stack
        self.document = document
        n = len(item.text)
        self.cursor = n
        self.anchor = n
        self.caret_visible = True
        self._burst = new_token()
        self.preedit = ""  # input-method composition not yet committed (painted at the caret)
        self.created_by = None  # the AddElements that drew this box, when editing starts right after
        self.typing = False  # True while a keystroke's edit is pushed and the caret follows it
        self._blink = QTimer()
        self._blink.setInterval(530)
        self._blink.timeout.connect(self._toggle_caret)
        self._blink.start()

    # --- state ------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.item.text

    def _toggle_caret(self) -> None:
        self.caret_visible = not self.caret_visible
        self.item.update_editing()   # the caret's few pixels, not the whole box

    def _show_caret(self) -> None:
        self.caret_visible = True
        self._blink.start()
        self.item.update_editing()
        self.item.card_scene.text_selection_changed.emit()

    def stop(self) -> None:
        self._blink.stop()

    def clamp(self) -> None:
        n = len(self.text)
        self.cursor = max(0, min(self.cursor, n))
        self.anchor = max(0, min(self.anchor, n))

    def new_burst(self) -> None:
        self._burst = new_token()

    def set_selection(self, start: int, end: int) -> None:
        self.anchor, self.cursor = start, end
        self.clamp()
        self.new_burst()
        self._show_caret()

    def select_all(self) -> None:
        self.set_selection(0, len(self.text))

    def select_word(self, offset: int) -> None:
        """Select the word around ``offset`` (a CJK character counts as a word)."""
        t = self.text
        if not t:
            return
        i = max(0, min(offset, len(t) - 1))
        if t[i].isspace() and i > 0 and not t[i - 1].isspace():
            i -= 1
        if t[i].isspace():
            self.set_selection(offset, offset)
            return
        from app.model.text_layout import is_cjk

        if is_cjk(t[i]):
            self.set_selection(i, i + 1)
            return

        def word(ch: str) -> bool:
            return ch.isalnum() or ch in "'’-_"

        start, end = i, i + 1
        if word(t[i]):
            while start > 0 and word(t[start - 1]) and not is_cjk(t[start - 1]):
                start -= 1
            while end < len(t) and word(t[end]) and not is_cjk(t[end]):
                end += 1
        self.set_selection(start, end)

    def selected_range(self) -> tuple[int, int]:
        return tuple(sorted((self.anchor, self.cursor)))  # type: ignore[return-value]

    def selected_text(self) -> str:
        a, b = self.selected_range()
        return self.text[a:b]

    # --- edits --------------------------------------------------------------------------
    def replace(self, start: int, end: int, new: str, *, merge: bool = True, label: str | None = None) -> None:
        """Replace ``[start, end)`` with ``new`` through one (mergeable) undo command."""
        text = self.text
        new = new.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")
        result = text[:start] + new + text[end:]
        if result == text:
            return
        caret = start + len(new)
        cmd = EditText(self.document, self.item.element_id, result, merge_key=self._burst if merge else None,
                       label=label, edit=(start, end, new))
        self.typing = merge   # typing, deleting: the properties panel follows once the keys pause
        try:
            if not self.item.card_scene.push(cmd):
                return
            self.cursor = self.anchor = caret
            self.clamp()
            self._show_caret()
        finally:
            self.typing = False

    def insert(self, s: str) -> None:
        a, b = self.selected_range()
        self.replace(a, b, s)

    def delete(self, forward: bool, word: bool = False) -> None:
        a, b = self.selected_range()
        if a == b:
            if forward:
                b = self._word_end(a) if word else min(len(self.text), a + 1)
            else:
                a = self._word_start(a) if word else max(0, a - 1)
        if a != b:
            self.replace(a, b, "")

    def _word_start(self, i: int) -> int:
        t = self.text
        while i > 0 and t[i - 1].isspace():
            i -= 1
        while i > 0 and not t[i - 1].isspace():
            i -= 1
        return i

    def _word_end(self, i: int) -> int:
        t = self.text
        n = len(t)
        while i < n and t[i].isspace():
            i += 1
        while i < n and not t[i].isspace():
            i += 1
        return i

    # --- character formatting ---------------------------------------------------------------
    def selection_state(self) -> tuple:
        """(style, underline, {"bold"/"italic"/"underline": all selected characters have it})
        of the selection (of the character before the caret when nothing is selected)."""
        a, b = self.selected_range()
        el = self.document.get(self.item.element_id)
        if a == b and a > 0:
            a = a - 1
            st, ul, _every = el.style_of_range(a, a + 1)
            return st, ul, {"bold": st.bold, "italic": st.italic, "underline": ul}
        return el.style_of_range(a, b)

    def format_selection(self, field: str, value) -> bool:
        """Set run field ``field`` on the selected characters as one undo step; with no
        selection the whole box changes (the paragraph style). False when nothing changed."""
        el = self.document.get(self.item.element_id)
        if el is None or field not in RUN_FIELDS:
            return False
        a, b = self.selected_range()
        label = {"bold": tr("Bold"), "italic": tr("Italic"), "underline": tr("Underline"),
                 "color": tr("Text Colour"), "size_pt": tr("Font Size"), "font_family": tr("Font")}[field]
        if a == b:
            if field == "underline":
                new = tuple(p.with_overrides(0, len(p.text), underline=value) for p in el.paragraphs)
                cmd = SetProperty(self.document, {el.id: new}, "paragraphs", text=label)
            else:
                if all(getattr(p.style, field) == value and not any(getattr(r, field) is not None for r in p.runs)
                       for p in el.paragraphs):
                    return False
                cmd = SetStyle(self.document, [el.id], field, value)
        else:
            new = el.paragraphs_with(a, b, **{field: value})
            if new == el.paragraphs:
                return False
            cmd = SetProperty(self.document, {el.id: new}, "paragraphs", text=label)
        self.new_burst()
        pushed = self.item.card_scene.push(cmd)
        self.new_burst()
        self._show_caret()
        return bool(pushed)

    def toggle(self, field: str) -> bool:
        """Ctrl+B / Ctrl+I / Ctrl+U: on unless every selected character already has it."""
        a, b = self.selected_range()
        if a == b:   # the whole box
            el = self.document.get(self.item.element_id)
            on = el.style_of_range(0, len(el.text))[2][field]
        else:
            on = self.selection_state()[2][field]
        return self.format_selection(field, not on)

    # --- clipboard ---------------------------------------------------------------------------
    def copy(self) -> bool:
        """Put the selection on the clipboard as plain text and, for pasting inside Cardwise,
        with its character looks (:data:`app.model.text_clip.MIME_TYPE`). False without a
        selection."""
        a, b = self.selected_range()
        el = self.document.get(self.item.element_id)
        if a == b or el is None:
            return False
        data = QMimeData()
        data.setText(self.text[a:b])
        data.setData(MIME_TYPE, QByteArray(clip_to_json(copy_range(el, a, b))))
        QGuiApplication.clipboard().setMimeData(data)
        return True

    def cut(self) -> bool:
        """Copy, then delete the selection (one undo step)."""
        if not self.copy():
            return False
        self.new_burst()
        self.replace(*self.selected_range(), "", merge=False, label=tr("Cut"))
        self.new_burst()
        return True

    def paste(self) -> bool:
        """Replace the selection with the clipboard's text as one undo step: text copied in
        Cardwise keeps its copied look; text from elsewhere takes the look of the character
        before the caret, as typed text does."""
        data = QGuiApplication.clipboard().mimeData()
        if data is None or not data.hasText() or not data.text():
            return False
        text = data.text()
        clip = clip_from_json(bytes(data.data(MIME_TYPE)), text) if data.hasFormat(MIME_TYPE) else None
        self.new_burst()
        if clip is None:
            self.replace(*self.selected_range(), text, merge=False, label=tr("Paste"))
        else:
            el = self.document.get(self.item.element_id)
            a, b = self.selected_range()
            paras = paste_paragraphs(el, a, b, clip)
            if paras != el.paragraphs and self.item.card_scene.push(
                    SetProperty(self.document, {el.id: paras}, "paragraphs", text=tr("Paste"))):
                self.cursor = self.anchor = a + len(clip["text"])
                self.clamp()
        self.new_burst()
        self._show_caret()
        return True

    # --- caret movement -----------------------------------------------------------------------
    def move_to(self, offset: int, keep_anchor: bool = False) -> None:
        self.cursor = offset
        if not keep_anchor:
            self.anchor = offset
        self.clamp()
        self.new_burst()
        self._show_caret()

    def _vertical(self, direction: int) -> int:
        item = self.item
        lines = item.lines()
        if not lines:
            return self.cursor
        x, _top, _h = item.caret_geometry(self.cursor)
        i = item.line_index(self.cursor) + direction
        if i < 0:
            return 0
        if i >= len(lines):
            return len(self.text)
        target = lines[i]
        return min(range(target.start_offset, target.end_offset + 1), key=lambda off: abs(target.x_at(off) - x))

    def _line_edge(self, end: bool) -> int:
        lines = self.item.lines()
        if not lines:
            return self.cursor
        line = lines[self.item.line_index(self.cursor)]
        if not end:
            return line.start_offset
        # the end of a wrapped line is before its trailing space (the caret stays on the line)
        return line.end_offset if line.last_in_paragraph else line.start_offset + len(line.text.rstrip()) 

    # --- key handling ----------------------------------------------------------------------
    def key_press(self, event) -> bool:
        """Handle one key; returns True when the key was used."""
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.ShiftModifier)
        ctrl = bool(mods & Qt.ControlModifier)
        if event.matches(QKeySequence.SelectAll):
            self.select_all()
            return True
        if event.matches(QKeySequence.Copy):
            self.copy()
            return True
        if event.matches(QKeySequence.Cut):
            self.cut()
            return True
        if event.matches(QKeySequence.Paste):
            self.paste()
            return True
        if event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo):
            return False  # the window's Undo/Redo actions handle these
        if ctrl and not shift and key in (Qt.Key_B, Qt.Key_I, Qt.Key_U):
            self.toggle({Qt.Key_B: "bold", Qt.Key_I: "italic", Qt.Key_U: "underline"}[key])
            return True
        if key == Qt.Key_Escape:
            self.item.card_scene.end_text_edit()
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter):
            self.insert("\n")
            return True
        if key == Qt.Key_Backspace:
            self.delete(False, word=ctrl)
            return True
        if key == Qt.Key_Delete:
            self.delete(True, word=ctrl)
            return True
        moves = {
            Qt.Key_Left: lambda: (self._word_start(self.cursor) if ctrl else self.cursor - 1),
            Qt.Key_Right: lambda: (self._word_end(self.cursor) if ctrl else self.cursor + 1),
            Qt.Key_Up: lambda: self._vertical(-1),
            Qt.Key_Down: lambda: self._vertical(1),
            Qt.Key_Home: lambda: 0 if ctrl else self._line_edge(False),
            Qt.Key_End: lambda: len(self.text) if ctrl else self._line_edge(True),
        }
        if key in moves:
            a, b = self.selected_range()
            if not shift and a != b and key in (Qt.Key_Left, Qt.Key_Right):
                self.move_to(a if key == Qt.Key_Left else b)
            else:
                self.move_to(moves[key](), keep_anchor=shift)
            return True
        text = event.text()
        if text and not ctrl and all(ch.isprintable() or ch == "\t" for ch in text):
            if text == "\t":
                text = " "
            self.insert(text)
            return True
        return False

    def input_method(self, event) -> None:
        """Committed input-method text (Chinese, Japanese…) is typed like keys."""
        commit = event.commitString()
        if commit:
            self.insert(commit)
        self.preedit = event.preeditString()
        self.item.update()


def tr(text: str) -> str:
    return QCoreApplication.translate("TextEditor", text)
