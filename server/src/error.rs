//! Errors as the client sees them: JSON `{code, message}` with the HTTP status that fits, one
//! stable code per situation a client can act on.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

pub type ApiResult<T> = std::result::Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn malformed(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed", message)
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code,
            message: self.message,
        };
        if self.status == StatusCode::PAYLOAD_TOO_LARGE {
            // The body was left unread, so the server drops the connection after answering; said
            // here, a client does not send its next request down that connection (which then
            // fails as a cut message: the server's test saw it).
            return (
                self.status,
                [(axum::http::header::CONNECTION, "close")],
                Json(body),
            )
                .into_response();
        }
        (self.status, Json(body)).into_response()
    }
}

/// A database failure: the connection is gone (503, try again: nothing was acknowledged) or
/// something unexpected (500). The details go to the server's log, not to the client.
impl From<tokio_postgres::Error> for ApiError {
    fn from(e: tokio_postgres::Error) -> ApiError {
        eprintln!("claimcoder-server: database error: {e}");
        // Connection exceptions (08), an administrator's shutdown or a crash (57), too few
        // resources (53), and serialisation or deadlock (40): the push rolled back, try again.
        let retry = e.code().is_none_or(|c| {
            ["08", "57", "53", "40"]
                .iter()
                .any(|class| c.code().starts_with(class))
        });
        if e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION) {
            // Two requests making the same thing at once (an invited name): the loser is told.
            return ApiError::conflict("conflict", "this was just made by another request");
        }
        if e.is_closed() || retry {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "the database cannot be reached; nothing was applied, try again",
            )
        } else {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the server failed; nothing was applied",
            )
        }
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(e: deadpool_postgres::PoolError) -> ApiError {
        eprintln!("claimcoder-server: database pool: {e}");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "database_unavailable",
            "the database cannot be reached; nothing was applied, try again",
        )
    }
}
