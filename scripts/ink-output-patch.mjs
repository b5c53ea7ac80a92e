// A build-time change to Ink's Output (ink/build/output.js), for berth's bundle only.
//
// Ink turns every frame into text by building a width x height grid of styled
// characters, tokenising every written line and serialising every row again,
// even when only a few cells changed: at 200x50 that is 10,000 cell objects and
// 50 ANSI re-serialisations a frame, most of berth's CPU while idle-watching.
// Here a row's text is rebuilt only when the writes that land on it (their x
// and text, after clipping) differ from the previous frame's; otherwise the
// previous row string is reused. A row's text is a pure function of those
// writes and the width, so the frame is the same string Ink would produce.
// The line-level caches are also kept across frames (bounded) instead of per frame.
// A changed row whose writes sit side by side (no overlap, no overflow: every
// row of a plain pane) is joined as text without building its cell grid; the
// terminal shows the same characters in the same styles.
//
// The patch checks that Ink's source still has the pieces it relies on and
// fails the build otherwise, so an Ink upgrade cannot silently change behaviour.

const classLine = 'export default class Output {';
const cachesLine = '    caches = new OutputCaches();';

const appended = `
let sharedCaches;
function framesCaches() {
    if (!sharedCaches || sharedCaches.styledChars.size > 400 || sharedCaches.widths.size > 4000 || sharedCaches.blockWidths.size > 1000) sharedCaches = new OutputCaches();
    return sharedCaches;
}
const previousRows = {width: -1, signatures: [], texts: []};
// The common row: writes left to right that neither overlap nor overflow. Its text
// is the writes joined by the spaces between them, with no per-character grid.
// Each styled write is closed with a reset so no style leaks into the next one,
// as Ink's grid guarantees by tokenising each write on its own.
// Control characters other than ESC take a cell each in Ink's grid but no width
// in string-width; such rows keep the grid.
const controlCharacters = /[\u0000-\u001A\u001C-\u001F\u007F-\u009F]/;
function composeRow(writes, width, caches) {
    let text = '';
    let cursor = 0;
    for (let index = 0; index < writes.length; index += 2) {
        const x = writes[index];
        const line = writes[index + 1];
        if (x < cursor || controlCharacters.test(line)) return undefined;
        const lineWidth = caches.getStringWidth(line);
        if (x + lineWidth > width) return undefined;
        if (lineWidth === 0) continue;
        if (x > cursor) text += ' '.repeat(x - cursor);
        text += line;
        if (line.includes('\u001B')) text += '\u001B[0m';
        cursor = x + lineWidth;
    }
    return text.trimEnd();
}
export default class Output extends InkOutput {
    caches = framesCaches();
    get() {
        const rows = [];
        for (let y = 0; y < this.height; y++) rows.push([]);
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') clips.push(operation.clip);
            if (operation.type === 'unclip') clips.pop();
            if (operation.type !== 'write') continue;
            const { text, transformers } = operation;
            let { x, y } = operation;
            let lines = text.split('\\n');
            const clip = clips.at(-1);
            if (clip) {
                const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
                const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
                if (clipHorizontally) {
                    const width = this.caches.getWidestLine(text);
                    if (x + width < clip.x1 || x > clip.x2) continue;
                }
                if (clipVertically) {
                    const height = lines.length;
                    if (y + height < clip.y1 || y > clip.y2) continue;
                }
                if (clipHorizontally) {
                    lines = lines.map(line => {
                        const from = x < clip.x1 ? clip.x1 - x : 0;
                        const width = this.caches.getStringWidth(line);
                        const to = x + width > clip.x2 ? clip.x2 - x : width;
                        return sliceAnsi(line, from, to);
                    });
                    if (x < clip.x1) x = clip.x1;
                }
                if (clipVertically) {
                    const from = y < clip.y1 ? clip.y1 - y : 0;
                    const height = lines.length;
                    const to = y + height > clip.y2 ? clip.y2 - y : height;
                    lines = lines.slice(from, to);
                    if (y < clip.y1) y = clip.y1;
                }
            }
            let offsetY = 0;
            for (let [index, line] of lines.entries()) {
                const row = rows[y + offsetY];
                if (!row) continue;
                for (const transformer of transformers) line = transformer(line, index);
                row.push(x, line);
                offsetY++;
            }
        }
        if (previousRows.width !== this.width) {
            previousRows.width = this.width;
            previousRows.signatures = [];
            previousRows.texts = [];
        }
        const texts = [];
        for (let y = 0; y < this.height; y++) {
            const writes = rows[y];
            const signature = writes.join('\\u0000');
            if (previousRows.signatures[y] === signature) {
                texts.push(previousRows.texts[y]);
                continue;
            }
            const composed = composeRow(writes, this.width, this.caches);
            if (composed !== undefined) {
                previousRows.signatures[y] = signature;
                previousRows.texts[y] = composed;
                texts.push(composed);
                continue;
            }
            const currentLine = [];
            for (let x = 0; x < this.width; x++) currentLine.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
            for (let index = 0; index < writes.length; index += 2) {
                let offsetX = writes[index];
                for (const character of this.caches.getStyledChars(writes[index + 1])) {
                    currentLine[offsetX] = character;
                    const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                    if (characterWidth > 1) {
                        for (let fill = 1; fill < characterWidth; fill++) {
                            currentLine[offsetX + fill] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
                        }
                    }
                    offsetX += characterWidth;
                }
            }
            const rowText = styledCharsToString(currentLine.filter(item => item !== undefined)).trimEnd();
            previousRows.signatures[y] = signature;
            previousRows.texts[y] = rowText;
            texts.push(rowText);
        }
        previousRows.signatures.length = this.height;
        previousRows.texts.length = this.height;
        return { output: texts.join('\\n'), height: this.height };
    }
}
`;

/** Ink's output.js source -> the patched source. */
export function patchInkOutput(source) {
	for (const needed of [classLine, cachesLine, 'get() {', 'styledCharsToString', 'sliceAnsi']) {
		if (!source.includes(needed)) throw new Error(`ink/build/output.js changed (no "${needed.trim()}"): review scripts/ink-output-patch.mjs`);
	}
	return source.replace(classLine, 'class InkOutput {') + appended;
}
