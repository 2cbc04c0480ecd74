//! How two spellings of one speaker's name are recognised, so that they can be offered for
//! merging (never merged without the analyst): "Zelensky", "Zelenskyy" and "Зеленский"; "A.
//! Antonov" and "Anatoly Antonov"; "Minister Zoë Marchetti" and "Zoe Marchetti".

/// Words that say what someone is, not who: dropped before names are compared.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "the",
    "president",
    "vice",
    "prime",
    "minister",
    "ambassador",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "secretary",
    "chancellor",
    "general",
    "gen",
    "colonel",
    "col",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "chief",
    "deputy",
    "foreign",
    "defence",
    "defense",
];

/// Why two names may be one speaker's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NameMatch {
    /// The same words in another script, with or without diacritics, or in another
    /// transliteration ("Zelensky", "Zelenskyy", "Зеленский").
    Spelling,
    /// Initials for some of the words ("A. Antonov", "Anatoly Antonov").
    Initials,
    /// The same surname, the other name also giving a first name or a title ("Macron",
    /// "President Emmanuel Macron").
    Surname,
}

impl NameMatch {
    /// The reason in words.
    pub fn describe(self) -> &'static str {
        match self {
            NameMatch::Spelling => "the same name spelled differently",
            NameMatch::Initials => "the same name with initials",
            NameMatch::Surname => "the same surname",
        }
    }
}

/// Whether `a` and `b` may name the same speaker, and why.
pub fn same_speaker(a: &str, b: &str) -> Option<NameMatch> {
    NameKey::of(a).matches(&NameKey::of(b))
}

/// A name made ready for comparing, so that comparing many names costs one preparation each.
#[derive(Debug, PartialEq, Eq)]
pub struct NameKey(Vec<Word>);

impl NameKey {
    pub fn of(name: &str) -> NameKey {
        NameKey(words(name))
    }

    /// Whether this name and `other` may name the same speaker, and why.
    pub fn matches(&self, other: &NameKey) -> Option<NameMatch> {
        same_words(&self.0, &other.0)
    }
}

fn same_words(a: &[Word], b: &[Word]) -> Option<NameMatch> {
    let (Some(last_a), Some(last_b)) = (a.last(), b.last()) else {
        return None;
    };
    if last_a.word != last_b.word {
        return None;
    }
    if a == b {
        return Some(NameMatch::Spelling);
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() == 1 {
        return Some(NameMatch::Surname);
    }
    // The words before the surname pair off in order, each the same or an initial of the other.
    if short.len() != long.len() {
        return None;
    }
    let mut initials = false;
    for (x, y) in short.iter().zip(long.iter()) {
        if x.word == y.word {
            continue;
        }
        if (x.initial && y.word.starts_with(&x.word)) || (y.initial && x.word.starts_with(&y.word))
        {
            initials = true;
        } else {
            return None;
        }
    }
    initials.then_some(NameMatch::Initials)
}

#[derive(Debug, PartialEq, Eq)]
struct Word {
    word: String,
    /// Written as an initial ("A." or "A").
    initial: bool,
}

/// The name's words: transliterated to ASCII, lower case, titles dropped, and folded so that
/// common transliteration variants meet (y, j and i; doubled letters).
fn words(name: &str) -> Vec<Word> {
    deunicode::deunicode(name)
        // Apostrophes (a transliterated soft sign, "O'Brien") stay inside their word.
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '-' | '/' | '(' | ')'))
        .flat_map(|w| w.split_inclusive('.'))
        .filter(|w| !w.is_empty())
        .filter_map(|raw| {
            let letters: String = raw
                .chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if letters.is_empty() || TITLES.contains(&letters.as_str()) {
                return None;
            }
            Some(Word {
                initial: letters.len() == 1,
                word: fold(&letters),
            })
        })
        .collect()
}

fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().map(|c| match c {
        'y' | 'j' => 'i',
        'w' => 'v',
        other => other,
    }) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_meet() {
        for (a, b) in [
            ("Zelensky", "Zelenskyy"),
            ("Zelensky", "Зеленский"),
            ("Volodymyr Zelenskyy", "Володимир Зеленський"),
            ("Zoë Marchetti", "ZOE MARCHETTI"),
            ("Minister Zoë Marchetti", "Zoe Marchetti"),
            ("Jakub Wiśniewski", "Jakub Wisniewski"),
        ] {
            assert_eq!(same_speaker(a, b), Some(NameMatch::Spelling), "{a} / {b}");
        }
    }

    #[test]
    fn initials_and_surnames_are_offered_with_their_reason() {
        assert_eq!(
            same_speaker("A. Antonov", "Anatoly Antonov"),
            Some(NameMatch::Initials)
        );
        assert_eq!(
            same_speaker("Anatoly I. Antonov", "A. Ivanovich Antonov"),
            Some(NameMatch::Initials)
        );
        assert_eq!(
            same_speaker("Macron", "President Emmanuel Macron"),
            Some(NameMatch::Surname)
        );
    }

    #[test]
    fn different_people_are_not_offered() {
        for (a, b) in [
            ("Donald Trump", "Ivanka Trump"),
            ("A. Antonov", "B. Antonov"),
            ("RIA News", "RIA Novosti"),
            ("Anatoly Antonov", "Anatoly Ivanov"),
            ("the minister", "Zoë Marchetti"),
            ("", "Antonov"),
        ] {
            assert_eq!(same_speaker(a, b), None, "{a} / {b}");
        }
    }
}
