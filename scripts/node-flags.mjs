// The V8 flags berth runs with.
// A 1 MB young generation instead of 16 MB: measured with npm run bench, peak RSS
// 141 -> 111 MB with 20 containers for a few percent more CPU; --optimize-for-size
// saved little more and doubled CPU, so it is not used.
// A 4x interrupt budget: V8 waits four times as long before it hands a function to
// TurboFan. The monitor runs its frame code once a second, and the compiles on
// V8's helper threads cost more than they saved: about 0.4 s of the 1.2 s a
// 30 s run with 20 containers took, down to about 0.15 s, for about 15% less CPU
// in all. Hot paths (a log flood) still get compiled in time: lines per second
// and CPU per line stayed the same. --max-opt=1 (no TurboFan at all) saved as much
// on the monitor but halved the flood's throughput.
// The snapshot, the code cache and both launchers share these flags (V8 refuses
// a snapshot or cache made under others); the single executable applies them
// itself (source/startup/sea-flags.ts).
export const nodeFlags = ['--max-semi-space-size=1', '--interrupt-budget=270336'];
