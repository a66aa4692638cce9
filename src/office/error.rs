//! One error for every job of the office. It travels inside the window's messages (it
//! is `Clone`) and is put into words only where it is shown, in the interface language.

use std::fmt;

use crate::domain::{FieldError, Lang, Msg};
use crate::store::StoreError;

/// Why a job of the office was not done. Nothing was saved when a job returns one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Input the clerk can correct: each names its field and the rule it breaks.
    Invalid(Vec<FieldError>),
    /// Someone changed the record meanwhile: reload it, then try again.
    Conflict(Msg),
    /// What the request names does not exist (any more).
    NotFound(Msg),
    /// A rule of the office refused it (a number already issued, a database not empty).
    Refused(Msg),
    /// The database could not do it (busy, full, damaged, from a newer version).
    Store(Msg),
    /// The document could not be laid out or written as PDF.
    Document(Msg),
    /// A file could not be read or written: the file, and why in both languages.
    File { path: String, reason: Msg },
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// A batch held back whole: `head` (`Chưa nhập phiếu nào:` / `No sheet was taken
    /// in:`), then every reason, each in both languages; `None` when there is none.
    pub fn held_back(
        head: Msg,
        reasons: impl IntoIterator<Item = (String, String)>,
    ) -> Option<Self> {
        let (vi, en): (Vec<String>, Vec<String>) = reasons.into_iter().unzip();
        (!vi.is_empty()).then(|| {
            Self::Refused(Msg::new(
                format!("{}\n{}", head.vi, vi.join("\n")),
                format!("{}\n{}", head.en, en.join("\n")),
            ))
        })
    }

    pub fn invalid(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }

    pub fn not_found(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::NotFound(Msg::new(vi, en))
    }

    pub fn refused(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self::Refused(Msg::new(vi, en))
    }

    /// A file error, with the path it concerns.
    pub fn file(path: &std::path::Path, e: &std::io::Error) -> Self {
        Self::File {
            path: path.display().to_string(),
            reason: io_reason(e),
        }
    }

    /// A conflict: the screen offers to read the record again.
    pub fn is_conflict(&self) -> bool {
        matches!(self, Self::Conflict(_))
    }

    /// The message for the clerk, in the interface language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            Self::Conflict(m)
            | Self::NotFound(m)
            | Self::Refused(m)
            | Self::Store(m)
            | Self::Document(m) => m.get(lang).to_string(),
            Self::File { path, reason } => match lang {
                Lang::Vi => format!("Lỗi tệp {path}: {}", reason.vi),
                Lang::En => format!("File error, {path}: {}", reason.en),
            },
        }
    }

    /// Both languages at once (for front ends that keep a [`Msg`]).
    pub fn to_msg(&self) -> Msg {
        Msg::new(self.message(Lang::Vi), self.message(Lang::En))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for Error {}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(errors) => Self::Invalid(errors),
            StoreError::NotFound(m) => Self::NotFound(m),
            StoreError::Refused(m) => Self::Refused(m),
            StoreError::Conflict(m) => Self::Conflict(m),
            StoreError::Io { context, source } => Self::File {
                path: context,
                reason: io_reason(&source),
            },
            other => Self::Store(Msg::new(other.message(Lang::Vi), other.message(Lang::En))),
        }
    }
}

/// Why a file could not be read or written, in words for the clerk: a full disk is a
/// full disk (not a fault of the machine), a missing folder or a refused permission
/// says so; anything else keeps the system's own words in the English text only.
pub fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    let (vi, en) = match e.kind() {
        K::StorageFull => (
            "ổ đĩa đã đầy; hãy xoá bớt tệp hoặc chọn ổ khác, rồi làm lại (không có gì bị hỏng)",
            "the disk is full; free some space or choose another drive, then try again (nothing was damaged)",
        ),
        K::PermissionDenied | K::ReadOnlyFilesystem => (
            "không có quyền ghi hoặc đọc ở đây (tệp đang mở trong chương trình khác, hoặc thư mục chỉ đọc); hãy đóng tệp hoặc chọn nơi khác",
            "no permission here (the file is open in another program, or the folder is read-only); close the file or choose another place",
        ),
        K::NotFound => (
            "không có tệp hoặc thư mục này",
            "there is no such file or folder",
        ),
        K::AlreadyExists => (
            "ở đây đã có một tệp hoặc thư mục cùng tên",
            "a file or folder of that name is already there",
        ),
        K::IsADirectory => (
            "đây là một thư mục, không phải tệp",
            "it is a folder, not a file",
        ),
        K::NotADirectory => (
            "một phần của đường dẫn không phải thư mục",
            "a part of the path is not a folder",
        ),
        K::InvalidFilename => ("tên tệp không hợp lệ", "the file name is not valid"),
        K::UnexpectedEof | K::InvalidData => (
            "tệp bị cắt cụt hoặc hỏng",
            "the file is cut short or damaged",
        ),
        _ => {
            return Msg::new(
                "không đọc hay ghi được tệp (lỗi của hệ thống)",
                format!("it could not be read or written ({e})"),
            );
        }
    };
    Msg::new(vi, en)
}

impl From<FieldError> for Error {
    fn from(e: FieldError) -> Self {
        Self::invalid(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Field;

    #[test]
    fn a_refusal_names_the_field_in_each_language() {
        let e = Error::from(FieldError::new(
            Field::Number,
            "phải lớn hơn 0",
            "must be greater than 0",
        ));
        assert_eq!(e.message(Lang::Vi), "Số văn bản: phải lớn hơn 0");
        assert_eq!(
            e.message(Lang::En),
            "Document number: must be greater than 0"
        );
    }

    #[test]
    fn store_errors_keep_their_kind() {
        let e = Error::from(StoreError::Conflict(Msg::new("đã đổi", "changed")));
        assert!(e.is_conflict());
        let e = Error::from(StoreError::not_found("không có", "none"));
        assert_eq!(e, Error::not_found("không có", "none"));
        let e = Error::from(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows));
        assert!(matches!(e, Error::Store(_)));
    }
}
