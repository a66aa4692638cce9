//! The province's Reports: the report of a period from the sheets its communes sent
//! (the Sở KH&CN's or the UBND tỉnh's, in the Decree 30 format), previewed as it will
//! print, saved as PDF or a Word copy, issued into the province's register (printed
//! again, voided, its Word copy), and its tables as a workbook with a chart by commune.

use std::path::PathBuf;

use iced::widget::{column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use crate::app::i18n::{T, tr};
use crate::app::parts::document_output::{self, Output};
use crate::app::parts::export::{self, Export};
use crate::app::{Context, UI_FONT_STRONG, style};
use crate::domain::period::Period;
use crate::domain::{Field, FieldError, Lang, vndate};
use crate::office::Error;
use crate::office::decisions::MAX_NUMBER;
use crate::office::province::report::{self, ReportRequest};

#[derive(Default)]
pub struct State {
    pub period: String,
    pub number: String,
    pub date: String,
    pub signer: String,
    pub output: Output,
    pub export: Export,
}

#[derive(Debug, Clone)]
pub enum Message {
    Period(String),
    Number(String),
    Date(String),
    Signer(String),
    Built(Result<std::sync::Arc<crate::render::Laid>, Error>),
    Register(Result<Vec<crate::office::decisions::RegisterLine>, Error>),
    Output(document_output::Message),
    Export(export::Message),
}

/// The province's report jobs, as the output part runs them. The screen offers no
/// draft for the e-office (`no_numbering`), so that job is never asked for.
const JOBS: document_output::Jobs<ReportRequest> = document_output::Jobs {
    save: report::save,
    issue: report::issue,
    reprint_name: report::reprint_name,
    reprint: report::reprint,
    void: report::void,
    word: report::word,
    issued_word: report::issued_word,
    for_numbering: |_, _, _, _| {
        Err(Error::refused(
            "báo cáo của tỉnh chưa có bản để văn thư cấp số trong phiên bản này",
            "the province's report has no draft for numbering in this version",
        ))
    },
    doc: crate::store::DocKind::Report,
};

impl State {
    pub fn new() -> Self {
        let mut output = Output::default();
        output.no_numbering = true;
        Self {
            period: crate::app::screens::activities::return_sheets::last_month(),
            date: vndate::short(chrono::Local::now().date_naive()),
            output,
            ..Default::default()
        }
    }

    fn request(&self) -> Result<ReportRequest, Error> {
        let period = Period::parse(&self.period)?;
        let date = vndate::parse(&self.date, Field::Date)?;
        let number = if self.number.trim().is_empty() {
            None
        } else {
            let n = crate::domain::number::parse_count(&self.number, Field::Number)?;
            Some(
                u32::try_from(n)
                    .ok()
                    .filter(|n| (1..=MAX_NUMBER).contains(n))
                    .ok_or_else(|| {
                        FieldError::new(
                            Field::Number,
                            format!("số văn bản từ 1 đến {MAX_NUMBER}"),
                            format!("a document number from 1 to {MAX_NUMBER}"),
                        )
                    })?,
            )
        };
        let signer = self.signer.trim();
        Ok(ReportRequest {
            period,
            date: Some(date),
            number,
            signer: (!signer.is_empty()).then(|| signer.to_string()),
            created: None,
        })
    }

    /// Reads the register and builds the preview.
    pub fn load(&mut self, ctx: &Context<'_>) -> Task<Message> {
        Task::batch([
            crate::app::query(ctx.db, |s| report::register(s), Message::Register),
            self.rebuild(ctx),
        ])
    }

    /// Builds the report under the database and lays it out outside it.
    pub fn rebuild(&mut self, ctx: &Context<'_>) -> Task<Message> {
        let req = match self.request() {
            Ok(r) => r,
            Err(e) => {
                self.output.refuse_preview(e);
                return Task::none();
            }
        };
        self.output.suggest(suggested(ctx.folder, req.period));
        if !self.output.begin_preview() {
            return Task::none();
        }
        document_output::lay_out(
            ctx.db,
            self.output.fonts(),
            move |s| report::document(s, &req),
            Message::Built,
        )
    }

    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        let edited = |s: &mut Self, ctx: &Context<'_>| {
            s.output.notice = None;
            s.output.saved = None;
            s.rebuild(ctx)
        };
        match message {
            Message::Period(p) => {
                self.period = p;
                self.output.out_edited = false;
                edited(self, ctx)
            }
            Message::Number(n) => {
                self.number = n;
                edited(self, ctx)
            }
            Message::Date(d) => {
                self.date = d;
                edited(self, ctx)
            }
            Message::Signer(s) => {
                self.signer = s;
                edited(self, ctx)
            }
            Message::Register(Ok(lines)) => {
                self.output.register = lines;
                Task::none()
            }
            Message::Register(Err(e)) => {
                self.output.error = Some(e);
                Task::none()
            }
            Message::Built(r) => {
                if self.output.finish_preview(r) {
                    self.rebuild(ctx)
                } else {
                    Task::none()
                }
            }
            Message::Output(m) => {
                let (task, event) = self.output.update(m, ctx);
                let task = task.map(Message::Output);
                let Some(event) = event else {
                    return task;
                };
                let request = matches!(event, document_output::Event::Write { .. })
                    .then(|| self.request().map(Some))
                    .unwrap_or(Ok(None));
                let (more, back) = self.output.run(event, request, ctx.db, &JOBS);
                let more = more.map(Message::Output);
                match back {
                    // Issued or voided: the register is read again.
                    Some(
                        document_output::Event::Written { .. } | document_output::Event::Voided,
                    ) => Task::batch([
                        task,
                        more,
                        crate::app::query(ctx.db, |s| report::register(s), Message::Register),
                    ]),
                    _ => Task::batch([task, more]),
                }
            }
            Message::Export(m) => {
                let job = self.request().map(|req| {
                    move |s: &crate::store::Store, target: &crate::office::output::Target, made| {
                        report::workbook(s, &req, target, made)
                    }
                });
                let what = format!("Bao cao tinh {}", self.period.trim());
                self.export.write_with(m, ctx, &what, job, Message::Export)
            }
        }
    }

    /// The text of every page of the preview (tests).
    pub fn preview_text(&self) -> String {
        self.output.preview_text()
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let field = |label: T,
                     id: &'static str,
                     value: &'static str,
                     typed: &str,
                     on: fn(String) -> Message| {
            column![
                text(tr(l, label)).size(style::LABEL),
                text_input(value, typed)
                    .id(id)
                    .on_input(on)
                    .padding(style::PAD_FIELD)
            ]
            .spacing(style::SPACE_TIGHT)
            .width(Length::Fill)
        };
        let form = column![
            text(tr(l, T::NavReports))
                .size(style::TITLE)
                .font(UI_FONT_STRONG),
            row![
                field(
                    T::ReportPeriod,
                    "province_report_period",
                    "",
                    &self.period,
                    Message::Period
                ),
                field(
                    T::DecisionNumber,
                    "province_report_number",
                    "",
                    &self.number,
                    Message::Number
                ),
                field(
                    T::DecisionDate,
                    "province_report_date",
                    "",
                    &self.date,
                    Message::Date
                ),
            ]
            .spacing(style::SPACE),
            text(tr(l, T::ProgressPeriodHint))
                .size(style::HINT)
                .color(style::MUTED),
            field(
                T::ProvinceSigner,
                "province_report_signer",
                "",
                &self.signer,
                Message::Signer
            ),
            row![
                text(tr(l, T::ProvinceReportTables))
                    .size(style::LABEL)
                    .width(Length::Fill),
                self.export.button(l).map(Message::Export),
            ]
            .spacing(style::SPACE)
            .align_y(iced::Alignment::Center),
            self.export.status(l).map(Message::Export),
        ]
        .spacing(style::SPACE);
        let form = if self.output.register.is_empty() {
            form
        } else {
            form.push(
                self.output
                    .register_view(l, T::ReportIssued)
                    .map(Message::Output),
            )
        };
        row![
            column![
                self.output.actions(l).map(Message::Output),
                scrollable(form.padding(style::PAD_SCROLLED)).height(Length::Fill)
            ]
            .spacing(style::SPACE)
            .width(Length::FillPortion(1)),
            container(self.output.preview(l).map(Message::Output))
                .id(document_output::PREVIEW_ID)
                .width(Length::FillPortion(1))
                .height(Length::Fill),
        ]
        .spacing(style::SPACE_WIDE)
        .into()
    }
}

/// Where the PDF is suggested (tests).
pub fn suggested(folder: &std::path::Path, period: Period) -> PathBuf {
    folder.join(format!("BC-tinh-{}.pdf", period.code()))
}
