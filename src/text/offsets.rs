//! Conversions between Unicode code points (the project's one unit) and UTF-8 bytes / UTF-16
//! code units.

/// Number of code points in `text`.
pub fn cp_len(text: &str) -> usize {
    text.chars().count()
}

/// The UTF-8 byte index of code point `cp`; `Some(text.len())` for the end; `None` past it.
pub fn byte_of_cp(text: &str, cp: usize) -> Option<usize> {
    if cp == 0 {
        return Some(0);
    }
    match text.char_indices().nth(cp) {
        Some((byte, _)) => Some(byte),
        None if cp_len(text) == cp => Some(text.len()),
        None => None,
    }
}

/// The text of code points `start..end`, or `None` when the range is not inside the text.
pub fn slice_cp(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let from = byte_of_cp(text, start)?;
    let len = text[from..].char_indices().nth(end - start).map(|(b, _)| b);
    let to = match len {
        Some(b) => from + b,
        None if cp_len(&text[from..]) == end - start => text.len(),
        None => return None,
    };
    Some(&text[from..to])
}

/// The UTF-16 offset of code point `cp`, or `None` past the end.
pub fn utf16_of_cp(text: &str, cp: usize) -> Option<usize> {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if i == cp {
            return Some(units);
        }
        units += c.len_utf16();
    }
    (cp_len(text) == cp).then_some(units)
}

/// The code point at UTF-16 offset `units`; `None` past the end or inside a surrogate pair.
pub fn cp_of_utf16(text: &str, units: usize) -> Option<usize> {
    let mut at = 0;
    for (i, c) in text.chars().enumerate() {
        if at == units {
            return Some(i);
        }
        if at > units {
            return None;
        }
        at += c.len_utf16();
    }
    (at == units).then(|| cp_len(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    // "a👍🏽e\u{301}中ש": a, thumbs up + skin tone (2 astral code points), e + combining acute,
    // a CJK ideograph, a Hebrew letter.
    const MIXED: &str = "a\u{1F44D}\u{1F3FD}e\u{301}\u{4E2D}\u{5E9}";

    #[test]
    fn counts_code_points_not_bytes_or_units() {
        assert_eq!(cp_len(MIXED), 7);
        assert_eq!(MIXED.len(), 1 + 4 + 4 + 1 + 2 + 3 + 2);
        assert_eq!(MIXED.encode_utf16().count(), 9);
    }

    #[test]
    fn slices_by_code_point() {
        assert_eq!(slice_cp(MIXED, 1, 3), Some("\u{1F44D}\u{1F3FD}"));
        assert_eq!(slice_cp(MIXED, 3, 5), Some("e\u{301}"));
        assert_eq!(slice_cp(MIXED, 5, 7), Some("\u{4E2D}\u{5E9}"));
        assert_eq!(slice_cp(MIXED, 0, 7), Some(MIXED));
        assert_eq!(slice_cp(MIXED, 7, 7), Some(""));
        assert_eq!(slice_cp(MIXED, 6, 8), None);
        assert_eq!(slice_cp(MIXED, 3, 2), None);
    }

    #[test]
    fn converts_between_utf16_and_code_points() {
        assert_eq!(utf16_of_cp(MIXED, 2), Some(3));
        assert_eq!(utf16_of_cp(MIXED, 3), Some(5));
        assert_eq!(utf16_of_cp(MIXED, 7), Some(9));
        assert_eq!(utf16_of_cp(MIXED, 8), None);
        assert_eq!(cp_of_utf16(MIXED, 5), Some(3));
        assert_eq!(cp_of_utf16(MIXED, 9), Some(7));
        // Inside the surrogate pair of the thumbs up: not a code point boundary.
        assert_eq!(cp_of_utf16(MIXED, 2), None);
        for cp in 0..=7 {
            assert_eq!(
                cp_of_utf16(MIXED, utf16_of_cp(MIXED, cp).unwrap()),
                Some(cp)
            );
        }
    }

    #[test]
    fn byte_offsets_for_every_code_point() {
        let bytes: Vec<usize> = (0..=7).map(|cp| byte_of_cp(MIXED, cp).unwrap()).collect();
        assert_eq!(bytes, vec![0, 1, 5, 9, 10, 12, 15, 17]);
        assert_eq!(byte_of_cp(MIXED, 8), None);
    }
}
