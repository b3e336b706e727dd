// What a workspace tells Puppet code in one document: the classes, defines and resources its manifests
// declare, the resource types its modules implement in Ruby, and the `.puppet-lint.rc` that applies.
// Each manifest is parsed once, and that one parse feeds both views of it: the checker's declarations
// (names, parameters, resource keys) and the editor's index (the same with locations and docs, for
// hover, completion and go to definition).
// Pure: files are read through the function it is given (workspaceFiles.ts reads the disk).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectDeclarations, type Declarations } from '../puppet/checker';
import { puppetDocument, type PuppetDocument } from '../puppet/features/document';
import { indexPuppetDocument, mergePuppetIndexes, type PuppetWorkspaceIndex } from '../puppet/features/workspaceIndex';
import { parsePuppetLintRc, type PuppetLintRc } from '../puppet/lintConfig';
import { mergeDeclarations, type PuppetContext } from './puppetAnalysis';

/** A file's text, or undefined when it is missing or cannot be read. */
export type ReadFile = (file: string) => string | undefined;

export const puppetLintRcName = '.puppet-lint.rc';

/** A module's Ruby type, `<module>/lib/puppet/type/<name>.rb`, declares the resource type `<name>`. */
const rubyType = /(?:^|[\\/])lib[\\/]puppet[\\/]type[\\/]([a-z]\w*)\.rb$/;

/** True for the files a workspace index reads: manifests and Ruby types. */
export function isPuppetWorkspaceFile(file: string): boolean {
  return file.endsWith('.pp') || rubyType.test(file);
}

/** One manifest, as the checker and the editor features see it. */
interface Manifest {
  declarations: Declarations;
  index: PuppetWorkspaceIndex;
}

/** One per workspace (or CLI run): indexes files once, and hands each document its context. */
export class PuppetWorkspace {
  private readonly manifests = new Map<string, Manifest>();
  private readonly types = new Map<string, string>();
  private declarations?: Declarations;
  private typeNames?: string[];
  private mergedIndex?: PuppetWorkspaceIndex;
  /** Nearest rc file's settings from a folder up, or undefined when there is none. */
  private readonly rcByFolder = new Map<string, PuppetLintRc | undefined>();
  /**
   * The contexts handed out, by folder. A context stays the same object until what it holds changes,
   * so an analysis can be cached by it; a change that only moves locations keeps it.
   */
  private readonly contexts = new Map<string, PuppetContext>();

  constructor(private readonly readFile: ReadFile) {}

  /**
   * Indexes manifests (read now) and Ruby types (by name); other files are ignored. True when the
   * checks of other documents may now find something else.
   */
  add(files: Iterable<string>): boolean {
    let changed = false;
    for (const file of files) {
      const type = rubyType.exec(file)?.[1];
      if (type && this.types.get(path.resolve(file)) !== type) {
        this.types.set(path.resolve(file), type);
        this.checksChanged();
        changed = true;
      } else if (!type && file.endsWith('.pp')) {
        changed = this.update(file, this.readFile(file)) || changed;
      }
    }
    return changed;
  }

  /**
   * A file's current content: an editor's unsaved text (or its parse), the text on disk, or undefined
   * when the file is gone. True when the checks of other documents may now find something else; false
   * when only locations moved (typing inside a resource body).
   */
  update(file: string, content: string | PuppetDocument | undefined): boolean {
    const key = path.resolve(file);
    this.mergedIndex = undefined;
    const before = this.manifests.get(key);
    if (content === undefined) {
      const hadType = this.types.delete(key);
      if (!this.manifests.delete(key) && !hadType) return false;
      this.checksChanged();
      return true;
    }
    const doc = typeof content === 'string' ? puppetDocument(content) : content;
    const declarations = collectDeclarations([doc.program]);
    const same = before !== undefined && sameDeclarations(before.declarations, declarations);
    // The index's locations name the file, so features in other documents can go there.
    this.manifests.set(key, { declarations: same ? before.declarations : declarations, index: indexPuppetDocument(doc, pathToFileURL(key).href) });
    if (!same) this.checksChanged();
    return !same;
  }

  /** Forgets the manifests and Ruby types below a folder (a workspace folder removed); true as for `update`. */
  forgetBelow(folder: string): boolean {
    const prefix = path.resolve(folder) + path.sep;
    const files = [...this.manifests.keys(), ...this.types.keys()].filter((file) => file.startsWith(prefix));
    return files.reduce((changed, file) => this.update(file, undefined) || changed, false);
  }

  /** Forgets the rc files read: after one is created, changed or deleted. */
  lintRcChanged(): void {
    this.rcByFolder.clear();
    this.contexts.clear();
  }

  /**
   * The context for a document at `file` (undefined for an untitled one: declarations and types only).
   * The declarations include the document's own when it is indexed, which only repeats what its analysis
   * finds in its text, as long as editors keep the index current with `update`.
   */
  contextFor(file: string | undefined): PuppetContext {
    const folder = file === undefined ? '' : path.dirname(path.resolve(file));
    let context = this.contexts.get(folder);
    if (!context) {
      this.declarations ??= mergeDeclarations([...this.manifests.values()].map((m) => m.declarations));
      this.typeNames ??= [...new Set(this.types.values())];
      context = { workspace: this.declarations, knownTypes: this.typeNames, rc: folder === '' ? undefined : this.lintRcFrom(folder) };
      this.contexts.set(folder, context);
    }
    return context;
  }

  /** What the manifests declare, with locations in them: for hover, completion and go to definition. */
  get index(): PuppetWorkspaceIndex {
    this.mergedIndex ??= mergePuppetIndexes([...this.manifests.values()].map((m) => m.index));
    return this.mergedIndex;
  }

  private checksChanged(): void {
    this.declarations = undefined;
    this.typeNames = undefined;
    this.contexts.clear();
  }

  /** The `.puppet-lint.rc` in the folder or its nearest parent that has one, as puppet-lint reads it from the working folder. */
  private lintRcFrom(folder: string): PuppetLintRc | undefined {
    if (this.rcByFolder.has(folder)) return this.rcByFolder.get(folder);
    const text = this.readFile(path.join(folder, puppetLintRcName));
    const parent = path.dirname(folder);
    const rc = text !== undefined ? parsePuppetLintRc(text) : parent === folder ? undefined : this.lintRcFrom(parent);
    this.rcByFolder.set(folder, rc);
    return rc;
  }
}

/** True when the two declare the same names, parameters and resources: the checks of other documents cannot tell them apart. */
function sameDeclarations(a: Declarations, b: Declarations): boolean {
  if (a.definitions.size !== b.definitions.size || !sameSet(a.resources, b.resources) || !sameSet(a.computedTitleTypes, b.computedTitleTypes)) {
    return false;
  }
  for (const [name, definition] of a.definitions) {
    const other = b.definitions.get(name);
    if (!other || other.kind !== definition.kind || !sameSet(other.parameters, definition.parameters)) return false;
  }
  return true;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}
