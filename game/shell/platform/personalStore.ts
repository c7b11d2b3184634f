import { parseStoredExample, type PersonalExample, type StoredExample } from '../state/personalExample.ts';

/**
 * The player's own digits and the note about their personal model, in IndexedDB (localStorage holds
 * strings only and a few MB; examples are typed arrays). The personal model's weights are saved by
 * tfjs's own IndexedDB handler under PERSONAL_MODEL_URL, in tfjs's database, not here.
 */
const DB_NAME = 'handwritten-digits';
const DB_VERSION = 1;
const EXAMPLES = 'examples';
const META = 'meta';

export const PERSONAL_MODEL_URL = 'indexeddb://handwritten-digits-personal';

/** Storage cannot be used at all or this write failed; `message` is what the player is shown. */
export class StorageProblem extends Error {
  override name = 'StorageProblem';
}

export interface ExampleList {
  readonly examples: readonly StoredExample[];
  /** records that were not whole examples and were left out */
  readonly skipped: number;
}

export class PersonalStore {
  private constructor(private readonly db: IDBDatabase) {}

  /**
   * Opens (creating on first use) the game's database. `factory` is window.indexedDB, or undefined
   * where the browser has none; a denied or missing IndexedDB rejects with a StorageProblem.
   */
  static async open(factory: IDBFactory | undefined): Promise<PersonalStore> {
    if (factory === undefined) throw new StorageProblem('Your digits cannot be saved: this browser has no IndexedDB');
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(DB_NAME, DB_VERSION);
    } catch (error) {
      throw new StorageProblem(`Your digits cannot be saved: ${describe(error)}`);
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(EXAMPLES)) db.createObjectStore(EXAMPLES, { keyPath: 'id', autoIncrement: true });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    const db = await settle(request, 'Your digits cannot be saved');
    return new PersonalStore(db);
  }

  /** Every whole example, oldest first; damaged records are counted, not returned. */
  async list(): Promise<ExampleList> {
    const records = await settle(this.store(EXAMPLES, 'readonly').getAll(), 'Your digits could not be read');
    const examples: StoredExample[] = [];
    let skipped = 0;
    for (const record of records) {
      const example = parseStoredExample(record);
      if (example === null) skipped++;
      else examples.push(example);
    }
    return { examples, skipped };
  }

  async add(example: PersonalExample): Promise<StoredExample> {
    const key = await this.write(EXAMPLES, (store) => store.add(example));
    if (typeof key !== 'number') throw new StorageProblem('Not saved: storage gave the example no number');
    return { ...example, id: key };
  }

  async remove(id: number): Promise<void> {
    await this.write(EXAMPLES, (store) => store.delete(id));
  }

  async clear(): Promise<void> {
    await this.write(EXAMPLES, (store) => store.clear());
  }

  /** A value kept under `key` (the caller parses it), undefined when none. */
  async readMeta(key: string): Promise<unknown> {
    return settle(this.store(META, 'readonly').get(key), 'Your settings could not be read');
  }

  async writeMeta(key: string, value: unknown): Promise<void> {
    await this.write(META, (store) => store.put(value, key));
  }

  async deleteMeta(key: string): Promise<void> {
    await this.write(META, (store) => store.delete(key));
  }

  private store(name: string, mode: IDBTransactionMode): IDBObjectStore {
    try {
      return this.db.transaction(name, mode).objectStore(name);
    } catch (error) {
      throw new StorageProblem(`Storage failed: ${describe(error)}`);
    }
  }

  /** A write counts once its transaction commits: a full disk fails the commit, not the request. */
  private async write(name: string, change: (store: IDBObjectStore) => IDBRequest): Promise<IDBValidKey | undefined> {
    const store = this.store(name, 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      store.transaction.oncomplete = () => { resolve(); };
      store.transaction.onabort = () => { reject(new StorageProblem(`Not saved: ${describe(store.transaction.error)}`)); };
    });
    let request: IDBRequest;
    try {
      request = change(store);
    } catch (error) {
      throw new StorageProblem(`Not saved: ${describe(error)}`);
    }
    request.onerror = (event) => { event.preventDefault(); };
    await done;
    const result: unknown = request.result;
    return typeof result === 'number' || typeof result === 'string' ? result : undefined;
  }
}

/** window.indexedDB, or undefined where merely touching it throws (sandboxed frames, some privacy modes). */
export function browserIndexedDb(): IDBFactory | undefined {
  try {
    // undefined in browsers without it, whatever the DOM typings say
    const factory: IDBFactory | undefined = globalThis.indexedDB;
    return factory;
  } catch {
    return undefined;
  }
}

function settle<T>(request: IDBRequest<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => { resolve(request.result); };
    request.onerror = () => { reject(new StorageProblem(`${what}: ${describe(request.error)}`)); };
  });
}

/** The browser's reason in the player's words: full and denied are the two that happen. */
export function describe(error: unknown): string {
  const name = error instanceof DOMException ? error.name : error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') return 'storage is full';
  if (name === 'SecurityError' || name === 'InvalidStateError') return 'storage is not allowed here (a private window?)';
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
