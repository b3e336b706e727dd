// What a workspace tells the Puppet analysis of one document: the classes, defines and resources its
// manifests declare, the resource types its modules implement in Ruby, and the `.puppet-lint.rc` that
// applies. Pure: files are read through the function it is given (workspaceFiles.ts reads the disk).
import path from 'node:path';
import { collectDeclarations, type Declarations } from '../puppet/checker';
import { parsePuppetLintRc, type PuppetLintRc } from '../puppet/lintConfig';
import { parsePuppet } from '../puppet/parser';
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

/** One per workspace (or CLI run): indexes files once, and hands each document its context. */
export class PuppetWorkspace {
  private readonly manifests = new Map<string, Declarations>();
  private readonly types = new Map<string, string>();
  private declarations?: Declarations;
  private typeNames?: string[];
  /** Nearest rc file's settings from a folder up, or undefined when there is none. */
  private readonly rcByFolder = new Map<string, PuppetLintRc | undefined>();

  constructor(private readonly readFile: ReadFile) {}

  /** Indexes manifests (read now) and Ruby types (by name); other files are ignored. */
  add(files: Iterable<string>): void {
    for (const file of files) {
      const type = rubyType.exec(file)?.[1];
      if (type) this.types.set(path.resolve(file), type);
      else if (file.endsWith('.pp')) this.update(file, this.readFile(file));
    }
    this.typeNames = undefined;
  }

  /** A manifest's current text (an editor's unsaved change, or the file on disk); undefined: the file is gone. */
  update(file: string, text: string | undefined): void {
    const key = path.resolve(file);
    if (text === undefined) {
      this.manifests.delete(key);
      this.types.delete(key);
    } else {
      this.manifests.set(key, collectDeclarations([parsePuppet(text).ast]));
    }
    this.declarations = undefined;
    this.typeNames = undefined;
  }

  /** Forgets the rc files read: after one is created, changed or deleted. */
  lintRcChanged(): void {
    this.rcByFolder.clear();
  }

  /**
   * The context for a document at `file` (undefined for an untitled one: declarations and types only).
   * The declarations include the document's own when it is indexed, which only repeats what its analysis
   * finds in its text, as long as editors keep the index current with `update`.
   */
  contextFor(file: string | undefined): PuppetContext {
    this.declarations ??= mergeDeclarations([...this.manifests.values()]);
    this.typeNames ??= [...new Set(this.types.values())];
    return {
      workspace: this.declarations,
      knownTypes: this.typeNames,
      rc: file === undefined ? undefined : this.lintRcFrom(path.dirname(path.resolve(file))),
    };
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
