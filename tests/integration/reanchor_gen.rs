//! Generated edits of articles with the truth known, for the re-anchoring test and benchmark:
//! an article is paragraphs of words, each word knowing the claim it belongs to, so after any
//! edit the right place of every claim (or its absence) is known.

/// A small, seeded random number generator (xorshift64*), so every run sees the same cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Words the edits bring in (English, Russian, with an emoji: code points, not bytes).
const VOCABULARY: &[&str] = &[
    "officials",
    "reportedly",
    "Tuesday",
    "harbour",
    "unions",
    "ministry",
    "figures",
    "late",
    "statement",
    "sources",
    "earlier",
    "however",
    "council",
    "shipping",
    "crews",
    "prices",
    "порт",
    "министр",
    "заявил",
    "вторник",
    "профсоюз",
    "цены",
    "🚢",
    "€4",
    "Zoë",
    "Wiśniewski",
    "again",
    "meanwhile",
    "analysts",
    "the",
    "a",
    "said",
    "would",
    "not",
    "been",
    "week",
];

/// Paragraphs of Russian and English news prose added to the sample article.
pub const MORE_PROSE: &str = "Министр транспорта заявил в парламенте, что профсоюз отверг три разумных предложения, и обвинил его лидеров в том, что они держат аптеки острова в заложниках.\n\n\
Профсоюз утверждает, что получил лишь одно письменное предложение, и копия, которую видела редакция, подтверждает эту версию.\n\n\
Harbour pilots said on Friday that two tankers had turned back 🚢 towards the mainland, a claim the port authority would neither confirm nor deny.\n\n\
Fishermen in the old quarter, who are not part of the strike, said their catch was rotting on the quay because the cold stores had no power after Tuesday.\n\n\
По данным независимых экономистов, каждый день забастовки обходится региону примерно в три миллиона евро, а не в двенадцать, как утверждают власти порта.";

#[derive(Clone)]
struct Word {
    text: String,
    claim: Option<usize>,
}

/// An article as paragraphs of words.
#[derive(Clone)]
pub struct Article {
    paras: Vec<Vec<Word>>,
    claims: usize,
}

/// One generated case: the old and new text, each claim's span in the old text and where it
/// truly is in the new one (`None`: its words are gone).
pub struct Case {
    pub old: String,
    pub new: String,
    pub claims: Vec<(u32, u32)>,
    pub truth: Vec<Option<(u32, u32)>>,
    pub edits: Vec<&'static str>,
}

impl Article {
    pub fn parse(text: &str) -> Article {
        let paras = text
            .split("\n\n")
            .map(|p| {
                p.split_whitespace()
                    .map(|w| Word {
                        text: w.to_owned(),
                        claim: None,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect();
        Article { paras, claims: 0 }
    }

    /// Filler prose from the vocabulary and the article's own words, to `bytes` long at least.
    pub fn grow(&mut self, rng: &mut Rng, bytes: usize) {
        let own: Vec<String> = self
            .paras
            .iter()
            .flatten()
            .map(|w| w.text.clone())
            .collect();
        while self.render().0.len() < bytes {
            let n = 20 + rng.below(60);
            let para = (0..n)
                .map(|_| Word {
                    text: if rng.below(3) == 0 {
                        VOCABULARY[rng.below(VOCABULARY.len())].to_owned()
                    } else {
                        own[rng.below(own.len())].clone()
                    },
                    claim: None,
                })
                .collect();
            let at = rng.below(self.paras.len() + 1);
            self.paras.insert(at, para);
        }
    }

    /// Marks up to `n` claims of 4 to 10 words, at most one a paragraph.
    pub fn code(&mut self, rng: &mut Rng, n: usize) {
        let mut order: Vec<usize> = (0..self.paras.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for p in order {
            if self.claims == n {
                break;
            }
            let words = self.paras[p].len();
            if words < 6 || self.paras[p].iter().any(|w| w.claim.is_some()) {
                continue;
            }
            let len = (4 + rng.below(7)).min(words);
            let from = rng.below(words - len + 1);
            for w in &mut self.paras[p][from..from + len] {
                w.claim = Some(self.claims);
            }
            self.claims += 1;
        }
    }

    /// The text, and each claim's span in it in code points.
    pub fn render(&self) -> (String, Vec<Option<(u32, u32)>>) {
        let mut text = String::new();
        let mut cp = 0u32;
        let mut spans: Vec<Option<(u32, u32)>> = vec![None; self.claims];
        for (i, para) in self.paras.iter().enumerate() {
            if i > 0 {
                text.push_str("\n\n");
                cp += 2;
            }
            for (j, w) in para.iter().enumerate() {
                if j > 0 {
                    text.push(' ');
                    cp += 1;
                }
                let len = w.text.chars().count() as u32;
                if let Some(c) = w.claim {
                    let s = spans[c].get_or_insert((cp, cp + len));
                    s.1 = cp + len;
                }
                text.push_str(&w.text);
                cp += len;
            }
        }
        (text, spans)
    }

    /// `least` to `least + spread - 1` words of the vocabulary.
    fn vocab(rng: &mut Rng, least: usize, spread: usize) -> Vec<Word> {
        let n = least + rng.below(spread);
        (0..n)
            .map(|_| Word {
                text: VOCABULARY[rng.below(VOCABULARY.len())].to_owned(),
                claim: None,
            })
            .collect()
    }

    fn claimed_paragraph(&self, rng: &mut Rng) -> Option<usize> {
        let claimed: Vec<usize> = (0..self.paras.len())
            .filter(|&p| self.paras[p].iter().any(|w| w.claim.is_some()))
            .collect();
        (!claimed.is_empty()).then(|| claimed[rng.below(claimed.len())])
    }

    /// One random edit; returns its name.
    pub fn edit(&mut self, rng: &mut Rng) -> &'static str {
        let p = rng.below(self.paras.len());
        match rng.below(9) {
            0 => {
                // Words inserted anywhere (inside a claim they become part of it).
                let at = rng.below(self.paras[p].len() + 1);
                let claim = match (
                    at.checked_sub(1).map(|i| &self.paras[p][i]),
                    self.paras[p].get(at),
                ) {
                    (Some(a), Some(b)) if a.claim.is_some() && a.claim == b.claim => a.claim,
                    _ => None,
                };
                let mut words = Article::vocab(rng, 1, 3);
                for w in &mut words {
                    w.claim = claim;
                }
                self.paras[p].splice(at..at, words);
                "insert words"
            }
            1 => {
                let outside: Vec<usize> = (0..self.paras[p].len())
                    .filter(|&i| self.paras[p][i].claim.is_none())
                    .collect();
                if outside.len() > 1 {
                    self.paras[p].remove(outside[rng.below(outside.len())]);
                }
                "delete a word outside claims"
            }
            2 => {
                let outside: Vec<usize> = (0..self.paras[p].len())
                    .filter(|&i| self.paras[p][i].claim.is_none())
                    .collect();
                if !outside.is_empty() {
                    let i = outside[rng.below(outside.len())];
                    self.paras[p][i].text = Article::vocab(rng, 1, 1).remove(0).text;
                }
                "change a word outside claims"
            }
            3 => {
                // A word inside a claim of five words or more changed (not its first or last).
                if let Some(q) = self.claimed_paragraph(rng) {
                    let inside: Vec<usize> = (0..self.paras[q].len())
                        .filter(|&i| self.paras[q][i].claim.is_some())
                        .collect();
                    if inside.len() >= 5 {
                        let i = inside[1 + rng.below(inside.len() - 2)];
                        self.paras[q][i].text = Article::vocab(rng, 1, 1).remove(0).text;
                    }
                }
                "change a word inside a claim"
            }
            4 => {
                let para = self.paras.remove(p);
                let to = rng.below(self.paras.len() + 1);
                self.paras.insert(to, para);
                "move a paragraph"
            }
            5 => {
                if self.paras.len() > 3 {
                    self.paras.remove(p);
                }
                "delete a paragraph"
            }
            k => {
                // A look-alike: a claim's words in another passage, with other neighbours. With
                // k = 7 the original's words are edited (it is still the place, Hypothesis's
                // known failure jumps to the look-alike); with k = 8 the original paragraph
                // goes (its claims are orphans: the look-alike is not their place).
                if let Some(q) = self.claimed_paragraph(rng) {
                    let words: Vec<Word> = self.paras[q]
                        .iter()
                        .filter(|w| w.claim.is_some())
                        .map(|w| Word {
                            text: w.text.clone(),
                            claim: None,
                        })
                        .collect();
                    let mut para = Article::vocab(rng, 3, 4);
                    para.extend(words);
                    para.extend(Article::vocab(rng, 3, 4));
                    let to = rng.below(self.paras.len() + 1);
                    self.paras.insert(to, para);
                    let q = if to <= q { q + 1 } else { q };
                    if k == 7 {
                        let inside: Vec<usize> = (0..self.paras[q].len())
                            .filter(|&i| self.paras[q][i].claim.is_some())
                            .collect();
                        if inside.len() >= 5 {
                            let i = inside[1 + rng.below(inside.len() - 2)];
                            self.paras[q][i].text = Article::vocab(rng, 1, 1).remove(0).text;
                            return "look-alike added, original edited";
                        }
                    }
                    if k == 8 {
                        self.paras.remove(q);
                        return "look-alike added, original deleted";
                    }
                }
                "look-alike added"
            }
        }
    }
}

/// `cases` cases of `edits` random edits each on `base` (grown to `bytes`), `claims` claims each.
pub fn cases(
    seed: u64,
    base: &str,
    bytes: usize,
    cases: usize,
    claims: usize,
    edits: usize,
) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..cases)
        .map(|_| {
            let mut a = Article::parse(base);
            a.grow(&mut rng, bytes);
            a.code(&mut rng, claims);
            let (old, spans) = a.render();
            let names = (0..edits).map(|_| a.edit(&mut rng)).collect();
            let (new, truth) = a.render();
            Case {
                old,
                new,
                claims: spans.into_iter().map(|s| s.expect("coded")).collect(),
                truth,
                edits: names,
            }
        })
        .collect()
}

/// How the placements of a set of cases compare with the truth.
#[derive(Debug, Default)]
pub struct Score {
    /// Placed where its words are (overlap of at least 80% with the true span).
    pub right: usize,
    /// Placed somewhere its words are not, or placed though its words are gone.
    pub wrong: usize,
    /// Orphaned, its words gone: right.
    pub orphaned_right: usize,
    /// Orphaned though its words are still there (lost to review, not misplaced).
    pub orphaned_missed: usize,
    pub examples_wrong: Vec<String>,
}

pub fn jaccard(a: (u32, u32), b: (u32, u32)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    f64::from(inter) / f64::from(union.max(1))
}

/// Places every claim of every case with the core's carrier and scores it.
pub fn score(cases: &[Case]) -> Score {
    use claimcoder::text::{Carrier, IndexedText, OldSpan};
    let mut s = Score::default();
    for case in cases {
        let old = IndexedText::new(case.old.as_str());
        let new = IndexedText::new(case.new.as_str());
        let carrier = Carrier::new(&case.old, &new);
        for (i, &(start, end)) in case.claims.iter().enumerate() {
            let a = old.anchor(start, end, None).unwrap();
            let placed = carrier.place(&OldSpan {
                start,
                end,
                quote: &a.quote,
                prefix: &a.prefix,
                suffix: &a.suffix,
            });
            match (placed, case.truth[i]) {
                (None, None) => s.orphaned_right += 1,
                (None, Some(_)) => s.orphaned_missed += 1,
                (Some(p), Some(t)) if jaccard((p.start, p.end), t) >= 0.8 => s.right += 1,
                (Some(p), t) => {
                    s.wrong += 1;
                    s.examples_wrong.push(format!(
                        "{:?} at {}..{} {:?}, truth {t:?}, quote {:?}, edits {:?}",
                        p.placement,
                        p.start,
                        p.end,
                        new.slice(p.start as usize, p.end as usize),
                        a.quote,
                        case.edits
                    ));
                }
            }
        }
    }
    s
}
