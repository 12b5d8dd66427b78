// Which warm-up round the lint worker runs next when it is idle (the text and why: ../warm-up.ts). A language's
// rounds are asked for once, when its parser is loaded; TypeScript's go first, since its first lint is the slow
// one (bench/README.md, tsFirstLintMs) and JavaScript's share most of the warmed code (ESLint, the rules). The
// worker runs one round per turn of its event loop and only with no request waiting, so a request waits for at
// most the round under way. Rounds one language's prepare interrupted (JavaScript's, when TypeScript's parser
// is asked for at start) run at the next idle moment; once a real file has been parsed and linted none are run:
// they would then only keep the user's next requests waiting.
import type { LintRequest } from '../engine';
import { isTypeScriptFile } from '../module-kind';
import { DEFAULT_SETTINGS } from '../settings';
import { WARM_UP_ROUNDS, warmUpText } from '../warm-up';

interface LanguageWarmUp {
  request: LintRequest;
  roundsDone: number;
}

export class WarmUpRounds {
  private readonly asked = new Set<boolean>();
  private readonly pending: LanguageWarmUp[] = [];

  /** Asks for the rounds of `fileName`'s language (once per language). */
  add(fileName: string): void {
    const typeScript = isTypeScriptFile(fileName);
    if (this.asked.has(typeScript)) return;
    this.asked.add(typeScript);
    const warmUp: LanguageWarmUp = {
      request: {
        text: warmUpText(typeScript),
        fileName: typeScript ? '/socket-hygiene-warm-up.ts' : '/socket-hygiene-warm-up.js',
        settings: { rules: DEFAULT_SETTINGS.rules, strict: DEFAULT_SETTINGS.strict },
        moduleKind: typeScript ? 'module' : 'commonjs',
      },
      roundsDone: 0,
    };
    if (typeScript) this.pending.unshift(warmUp);
    else this.pending.push(warmUp);
  }

  /**
   * The next round's request (as a CommonJS file and an ES module in turn: ESLint's scope analysis differs), or
   * undefined when none is left. `lintLoaded` of it must not throw; if it does, call `abandon()`.
   */
  next(): LintRequest | undefined {
    const warmUp = this.pending[0];
    if (!warmUp) return undefined;
    const { request } = warmUp;
    const round = warmUp.roundsDone;
    warmUp.roundsDone += 1;
    if (warmUp.roundsDone >= WARM_UP_ROUNDS) this.pending.shift();
    if (round % 2 === 0) return request;
    return { ...request, moduleKind: request.moduleKind === 'module' ? 'commonjs' : 'module' };
  }

  /** A real file was linted: it warmed the shared code (ESLint, the rules) better than the rounds left would. */
  end(): void {
    this.pending.length = 0;
  }

  /** The language of the last round failed (only a warm-up: the real lints report their own failures). */
  abandon(request: LintRequest): void {
    const index = this.pending.findIndex((warmUp) => warmUp.request.fileName === request.fileName);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** True while rounds of TypeScript (`typeScript` true) or JavaScript are left. */
  hasRoundsFor(typeScript: boolean): boolean {
    return this.pending.some((warmUp) => isTypeScriptFile(warmUp.request.fileName) === typeScript);
  }

  get done(): boolean {
    return this.pending.length === 0;
  }
}
