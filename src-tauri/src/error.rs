//! Errors cross IPC as data with a stable code: the UI classifies them by `code`, never by
//! matching message strings.

pub use claimcoder::error::AppError;

pub type CmdResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e: AppError = claimcoder::Error::EmptyInput("notes.txt".into()).into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "code": "empty_input",
                "message": "notes.txt is empty: there is no text to import"
            })
        );
    }
}
