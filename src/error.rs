//! Library errors. The binary adds context with `anyhow`.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule file that cannot be used; `line` is 1-based, 0 for the whole file.
    #[error("{file}: line {line}: {message}")]
    Rule { file: String, line: usize, message: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
}

impl Error {
    pub fn rule(file: &str, line: usize, message: impl Into<String>) -> Error {
        Error::Rule { file: file.to_string(), line, message: message.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
