// Lints one document text with ESLint's `Linter` and the bundled plugin, and turns the result into problems.
// Loading is lazy: ESLint and the plugin on the first lint, `@typescript-eslint/parser` on the first TypeScript file.
import path from 'node:path';
import type { Linter } from 'eslint';
import { configFor, type FileLanguage, type SocketHygienePlugin } from './config';
import { isLintableFileName, isTypeScriptFile, ModuleKindResolver, type ModuleKind } from './module-kind';
import { toProblems, type SocketProblem } from './problems';
import { mayNameSocketApi } from './socket-api-hint';
import { lintConfigKey, ruleIdOf, ruleNameOf, type LintSettings, type RuleName } from './settings';

export interface LintRequest {
  /** The document text exactly as the editor holds it. */
  text: string;
  /** The file's path (absolute for files on disk); its extension decides the parser. */
  fileName: string;
  settings: Pick<LintSettings, 'rules' | 'strict'>;
  /** Overrides what the nearest package.json says. */
  moduleKind?: ModuleKind;
}

export interface SyntaxError {
  message: string;
  /** 1-based, as ESLint reports it. */
  line: number;
  column: number;
}

export interface RuleFailure {
  /** The rule that threw, when ESLint could tell. */
  ruleId: string | undefined;
  message: string;
}

export interface LintResult {
  problems: SocketProblem[];
  /** Set when the text does not parse: then there are no problems (the language's own diagnostics say why). */
  syntaxError?: SyntaxError;
  /** Rules that threw on this text; the other rules' problems are still reported. */
  ruleFailures: RuleFailure[];
  /** Answered from the text alone: it names no socket API, so it was not parsed (nor checked for syntax). */
  skipped?: true;
}

export interface LintModules {
  Linter: typeof Linter;
  plugin: SocketHygienePlugin;
}

export interface EngineOptions {
  /** Loads ESLint's Linter and the plugin; the default imports the bundled packages. */
  loadModules?: () => Promise<LintModules>;
  /** Loads `@typescript-eslint/parser`; the default imports the bundled package. */
  loadTypeScriptParser?: () => Promise<Linter.Parser>;
  moduleKinds?: ModuleKindResolver;
  /**
   * False when the plugin cannot report on the text: it is then answered without parsing. The default is the
   * bundled plugin's text check (socket-api-hint.ts) when the bundled plugin is loaded, else every text is linted.
   */
  mayReport?: (text: string) => boolean;
}

async function importModules(): Promise<LintModules> {
  const [eslint, pluginModule] = await Promise.all([import('eslint/universal'), import('eslint-plugin-socket-hygiene')]);
  const plugin = (pluginModule as { default?: unknown }).default ?? pluginModule;
  return { Linter: eslint.Linter, plugin: plugin as SocketHygienePlugin };
}

async function importTypeScriptParser(): Promise<Linter.Parser> {
  const parser = (await import('@typescript-eslint/parser')) as Linter.Parser & { default?: Linter.Parser };
  return parser.default ?? parser;
}

/**
 * One linter for the extension's lifetime. `lint` is asynchronous only for the lazy loading; once the modules
 * are loaded, `lintLoaded` answers synchronously.
 */
export class LintEngine {
  private modules: LintModules | undefined;
  private modulesLoading: Promise<LintModules> | undefined;
  private typeScriptParser: Linter.Parser | undefined;
  private typeScriptParserLoading: Promise<Linter.Parser> | undefined;
  private readonly linters = new Map<string, Linter>();
  private readonly configs = new Map<string, Linter.Config[]>();
  private readonly loadModules: () => Promise<LintModules>;
  private readonly loadTypeScriptParser: () => Promise<Linter.Parser>;
  private readonly mayReport: (text: string) => boolean;
  readonly moduleKinds: ModuleKindResolver;

  constructor(options: EngineOptions = {}) {
    this.loadModules = options.loadModules ?? importModules;
    this.loadTypeScriptParser = options.loadTypeScriptParser ?? importTypeScriptParser;
    this.moduleKinds = options.moduleKinds ?? new ModuleKindResolver();
    this.mayReport = options.mayReport ?? (options.loadModules ? () => true : mayNameSocketApi);
  }

  /** True when `lintLoaded` can lint this file now. */
  isReadyFor(fileName: string): boolean {
    return this.modules !== undefined && (!isTypeScriptFile(this.eslintFileName(fileName)) || this.typeScriptParser !== undefined);
  }

  /** Loads what linting `fileName` needs. */
  async prepare(fileName: string): Promise<void> {
    this.modulesLoading ??= this.loadModules();
    this.modules = await this.modulesLoading;
    if (isTypeScriptFile(this.eslintFileName(fileName))) {
      this.typeScriptParserLoading ??= this.loadTypeScriptParser();
      this.typeScriptParser = await this.typeScriptParserLoading;
    }
  }

  async lint(request: LintRequest): Promise<LintResult> {
    // Before loading anything: a file that names no socket API never waits for ESLint.
    if (!this.mayReport(request.text)) return skippedResult();
    if (!this.isReadyFor(request.fileName)) await this.prepare(request.fileName);
    return this.lintLoaded(request);
  }

  /** True when the loaded plugin has this rule. */
  hasRule(ruleName: string): boolean {
    return this.modules !== undefined && Object.hasOwn(this.modules.plugin.rules, ruleName);
  }

  /** The rule's documentation URL (`meta.docs.url`), once the plugin is loaded. */
  docsUrlOf(ruleName: RuleName): string | undefined {
    return this.modules?.plugin.rules[ruleName]?.meta?.docs?.url;
  }

  /** Lints synchronously; `prepare(request.fileName)` must have finished. */
  lintLoaded(request: LintRequest): LintResult {
    const modules = this.modules;
    if (!modules) throw new Error('LintEngine.prepare() has not finished');
    if (!this.mayReport(request.text)) return skippedResult();
    const fileName = this.eslintFileName(request.fileName);
    const typeScript = isTypeScriptFile(fileName);
    if (typeScript && !this.typeScriptParser) throw new Error('LintEngine.prepare() has not loaded the TypeScript parser');
    const language: FileLanguage = {
      moduleKind: request.moduleKind ?? this.moduleKinds.kindOf(fileName),
      jsx: !typeScript || fileName.toLowerCase().endsWith('.tsx'),
    };
    if (typeScript && this.typeScriptParser) language.parser = this.typeScriptParser;
    const linter = this.linterFor(modules, fileName);

    // A rule that throws stops ESLint's whole run: switch that rule off for this text and lint again.
    const ruleFailures: RuleFailure[] = [];
    let settings = request.settings;
    for (;;) {
      const config = this.configFor(modules.plugin, settings, language);
      try {
        const messages = linter.verify(request.text, config, { filename: fileName });
        return this.resultOf(request.text, messages, settings, ruleFailures);
      } catch (error) {
        const ruleName = ruleNameOfError(error);
        const failure = { ruleId: ruleName ? ruleIdOf(ruleName) : undefined, message: errorMessage(error) };
        ruleFailures.push(failure);
        if (!ruleName || settings.rules[ruleName] === 'off') return { problems: [], ruleFailures };
        settings = { ...settings, rules: { ...settings.rules, [ruleName]: 'off' } };
      }
    }
  }

  private resultOf(
    text: string,
    messages: Linter.LintMessage[],
    settings: Pick<LintSettings, 'rules'>,
    ruleFailures: RuleFailure[],
  ): LintResult {
    const fatal = messages.find((message) => message.fatal);
    if (fatal) {
      return { problems: [], syntaxError: { message: fatal.message, line: fatal.line, column: fatal.column }, ruleFailures };
    }
    const problems = toProblems(text, messages, {
      severityOf: (ruleName) => settings.rules[ruleName],
      docsUrlOf: (ruleName) => this.docsUrlOf(ruleName),
    });
    return { problems, ruleFailures };
  }

  /**
   * The name ESLint sees. Files without a known extension (an untitled editor, a script with a shebang) are
   * linted as JavaScript; relative names are placed at the root so the config's patterns match them.
   */
  eslintFileName(fileName: string): string {
    const named = isLintableFileName(fileName) ? fileName : `${fileName}.js`;
    return path.isAbsolute(named) ? named : path.join(path.sep, named);
  }

  /** One Linter per filesystem root: ESLint matches config patterns only for files inside its `cwd`. */
  private linterFor(modules: LintModules, fileName: string): Linter {
    const root = path.parse(fileName).root || path.sep;
    let linter = this.linters.get(root);
    if (!linter) {
      linter = new modules.Linter({ cwd: root });
      this.linters.set(root, linter);
    }
    return linter;
  }

  private configFor(plugin: SocketHygienePlugin, settings: Pick<LintSettings, 'rules' | 'strict'>, language: FileLanguage): Linter.Config[] {
    const key = `${lintConfigKey(settings)}|${language.moduleKind}|${language.jsx}|${language.parser ? 'ts' : 'js'}`;
    let config = this.configs.get(key);
    if (!config) {
      config = configFor(plugin, settings, language);
      this.configs.set(key, config);
    }
    return config;
  }
}

function skippedResult(): LintResult {
  return { problems: [], ruleFailures: [], skipped: true };
}

function ruleNameOfError(error: unknown): RuleName | undefined {
  if (error && typeof error === 'object') {
    const ruleId = (error as { ruleId?: unknown }).ruleId;
    if (typeof ruleId === 'string') return ruleNameOf(ruleId);
    const loading = /Error while loading rule '([^']+)'/.exec(errorMessage(error));
    if (loading?.[1]) return ruleNameOf(loading[1]);
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
