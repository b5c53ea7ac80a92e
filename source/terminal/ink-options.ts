// How berth has Ink draw, shared by the command and the tests that replay a session.
export const inkOptions = {
	exitOnCtrlC: false,
	patchConsole: false,
	// At most 30 frames a second (Ink's default): a key waits at most a frame while a
	// log floods. 60 measured a little quicker but doubles the bytes a flood sends
	// to the terminal, which over SSH is the slow part; 20 held keys up to 50 ms.
	maxFps: 30,
} as const;
