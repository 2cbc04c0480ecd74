//! A source's text as Claimcoder stores it (line ends made LF), with the map from positions in
//! the text as the archive holds it, which selections count in, to positions in ours.

use crate::text::{cp_len, IndexedText};

/// The text of a source, read.
pub(super) struct SourceText {
    pub(super) text: IndexedText,
    /// For each code point of the stored text (and its end), its place in `text`; `None`
    /// when the text needed no normalisation.
    pub(super) map: Option<Vec<u32>>,
    /// Length of the stored text in code points.
    pub(super) stored_len: u64,
}

impl SourceText {
    /// CR LF and lone CR become LF, as our importer does; positions are mapped so that they
    /// still point at the same characters.
    pub(super) fn new(stored: String) -> SourceText {
        let stored_len = cp_len(&stored) as u64;
        if !stored.contains('\r') {
            return SourceText {
                text: IndexedText::new(stored),
                map: None,
                stored_len,
            };
        }
        let mut text = String::with_capacity(stored.len());
        let mut map = Vec::with_capacity(stored_len as usize + 1);
        let mut out = 0u32;
        let mut chars = stored.chars().peekable();
        while let Some(c) = chars.next() {
            map.push(out);
            if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    continue; // the LF that follows is the line end
                }
                text.push('\n');
            } else {
                text.push(c);
            }
            out += 1;
        }
        map.push(out);
        SourceText {
            text: IndexedText::new(text),
            map: Some(map),
            stored_len,
        }
    }

    /// The text of code points `start..end` (both within the text; "" otherwise, for a label).
    pub(super) fn slice(&self, start: u32, end: u32) -> &str {
        self.text
            .slice(start as usize, end as usize)
            .unwrap_or_default()
    }

    /// Where position `p` of the archive's text is in ours.
    pub(super) fn place(&self, p: u64) -> u32 {
        match &self.map {
            Some(m) => m[p as usize],
            None => p as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_text_is_normalised_and_positions_mapped() {
        // a \r \n b \r c: code points 0..6
        let t = SourceText::new("a\r\nb\rc".into());
        assert_eq!(t.text.text(), "a\nb\nc");
        assert_eq!(t.stored_len, 6);
        let mapped: Vec<u32> = (0..=6).map(|p| t.place(p)).collect();
        assert_eq!(mapped, [0, 1, 1, 2, 3, 4, 5]);
        // "b\rc" (3..6) is still "b\nc"
        assert_eq!(t.slice(t.place(3), t.place(6)), "b\nc");
    }
}
