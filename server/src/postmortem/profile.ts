// Template profiles: which sections a postmortem needs, what they may be called, and in what order.

export interface SectionSpec {
  /** Stable key shared across profiles where the meaning is the same: 'summary', 'timeline', 'root-cause', 'corrective', ... */
  key: string;
  /** Canonical title, used when inserting the section. */
  title: string;
  /** Other names people use; matched fuzzily (case, trailing punctuation, emoji, markup, small typos). */
  aliases: string[];
  /**
   * Word beginnings that point to the section in a heading that names none ('arrest' in 'Measures taken
   * to arrest the issue'); 'prevent' covers 'preventive' and 'prevention'.
   */
  keywords?: string[];
  required: boolean;
  /** One-line prompt placed in the inserted skeleton. */
  prompt: string;
}

export interface Profile {
  name: string;
  description: string;
  /** In canonical order. */
  sections: SectionSpec[];
}

/** A custom profile as written in settings (`postmortem.customProfile`) or a `--config` file. */
export interface CustomProfileConfig {
  name?: string;
  description?: string;
  sections: Array<{ key?: string; title: string; aliases?: string[]; keywords?: string[]; required?: boolean; prompt?: string }>;
}
