// Colours and attributes as a terminal keeps them per cell, reduced to one
// canonical SGR parameter string ("1;38;5;208") so two cells compare as strings
// and a changed cell is drawn with one `ESC[0;…m`.

export interface Style {
	bold: boolean;
	dim: boolean;
	italic: boolean;
	underline: boolean;
	blink: boolean;
	inverse: boolean;
	hidden: boolean;
	strike: boolean;
	/** The SGR parameters that set the colour ('31', '38;5;208', '38;2;1;2;3'), '' for the default. */
	fg: string;
	bg: string;
}

export function plainStyle(): Style {
	return {bold: false, dim: false, italic: false, underline: false, blink: false, inverse: false, hidden: false, strike: false, fg: '', bg: ''};
}

/** The canonical key: '' is the terminal's default. */
export function styleKey(style: Style): string {
	const parts: string[] = [];
	if (style.bold) parts.push('1');
	if (style.dim) parts.push('2');
	if (style.italic) parts.push('3');
	if (style.underline) parts.push('4');
	if (style.blink) parts.push('5');
	if (style.inverse) parts.push('7');
	if (style.hidden) parts.push('8');
	if (style.strike) parts.push('9');
	if (style.fg) parts.push(style.fg);
	if (style.bg) parts.push(style.bg);
	return parts.join(';');
}

/** The key an erase paints with: only the background survives an erase. */
export function eraseKey(style: Style): string {
	return style.bg;
}

/**
 * Applies an SGR sequence's parameters. Returns false for a parameter it does
 * not know, so the caller can stop trusting its copy of the screen.
 */
export function applySgr(style: Style, parameters: string): boolean {
	const groups = parameters === '' ? ['0'] : parameters.split(';');
	for (let index = 0; index < groups.length; index++) {
		const group = groups[index] ?? '';
		// Colon form, one group: 38:5:n or 38:2:[colourspace:]r:g:b.
		const parts = group.includes(':') ? group.split(':').map(Number) : [Number(group || 0)];
		const code = parts[0] ?? 0;
		if (code !== 38 && code !== 48) {
			if (parts.length > 1 || !applySimple(style, code)) return false;
			continue;
		}
		let colour: number[];
		if (parts.length > 1) colour = parts[1] === 2 && parts.length >= 6 ? [2, ...parts.slice(3, 6)] : parts.slice(1);
		else {
			const mode = Number(groups[index + 1]);
			const length = mode === 5 ? 2 : mode === 2 ? 4 : 0;
			colour = groups.slice(index + 1, index + 1 + length).map(Number);
			index += length;
		}
		const isValid = (colour[0] === 5 && colour.length === 2) || (colour[0] === 2 && colour.length === 4);
		if (!isValid || colour.some(value => !Number.isInteger(value))) return false;
		const value = `${code};${colour.join(';')}`;
		if (code === 38) style.fg = value;
		else style.bg = value;
	}
	return true;
}

function applySimple(style: Style, code: number): boolean {
	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) style.fg = String(code);
	else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) style.bg = String(code);
	else {
		switch (code) {
			case 0: Object.assign(style, plainStyle()); break;
			case 1: style.bold = true; break;
			case 2: style.dim = true; break;
			case 3: style.italic = true; break;
			case 4: case 21: style.underline = true; break;
			case 5: case 6: style.blink = true; break;
			case 7: style.inverse = true; break;
			case 8: style.hidden = true; break;
			case 9: style.strike = true; break;
			case 22: style.bold = false; style.dim = false; break;
			case 23: style.italic = false; break;
			case 24: style.underline = false; break;
			case 25: style.blink = false; break;
			case 27: style.inverse = false; break;
			case 28: style.hidden = false; break;
			case 29: style.strike = false; break;
			case 39: style.fg = ''; break;
			case 49: style.bg = ''; break;
			default: return false;
		}
	}
	return true;
}
