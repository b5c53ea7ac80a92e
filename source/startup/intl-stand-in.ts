// V8 cannot put an Intl object into a start-up snapshot, and string-width, slice-ansi
// and @alcalzone/ansi-tokenize each make an Intl.Segmenter as they load. While
// the snapshot is made, every Intl.Segmenter made is a stand-in that makes the
// real one on first use; right before the heap is saved any real ones are dropped
// and Intl.Segmenter is itself again, so in each run a stand-in makes its
// segmenter anew, in that run's locale.
// source/main.ts imports this module first, before any module that could make one.
import {startupSnapshot} from 'node:v8';

if (startupSnapshot.isBuildingSnapshot()) {
	const RealSegmenter = Intl.Segmenter;
	const standIns: StandInSegmenter[] = [];
	class StandInSegmenter {
		readonly #options: ConstructorParameters<typeof Intl.Segmenter>;
		#real: Intl.Segmenter | undefined;

		constructor(...options: ConstructorParameters<typeof Intl.Segmenter>) {
			this.#options = options;
			standIns.push(this);
		}

		segment(text: string): Intl.Segments {
			return this.#made().segment(text);
		}

		resolvedOptions(): Intl.ResolvedSegmenterOptions {
			return this.#made().resolvedOptions();
		}

		forget(): void {
			this.#real = undefined;
		}

		#made(): Intl.Segmenter {
			this.#real ??= new RealSegmenter(...this.#options);
			return this.#real;
		}
	}
	Object.defineProperty(Intl, 'Segmenter', {value: StandInSegmenter, writable: true, configurable: true});
	startupSnapshot.addSerializeCallback(() => {
		for (const standIn of standIns) standIn.forget();
		standIns.length = 0;
		Object.defineProperty(Intl, 'Segmenter', {value: RealSegmenter, writable: true, configurable: true});
	});
}
