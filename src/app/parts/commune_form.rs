//! The commune's details: used by the first-run setup and by Settings. Every field is
//! checked as the clerk types; a refusal names the field and the rule.

use std::fmt;

use iced::widget::{column, row, text};
use iced::{Element, Length};

use crate::app::i18n::{T, tr};
use crate::app::parts::widgets;
use crate::app::style;
use crate::domain::place::{Commune, CommuneKind, District, DistrictKind};
use crate::domain::preset::Preset;
use crate::domain::{Field, FieldError, Lang};
use crate::store::NewCommune;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub CommuneKind, pub Lang);

impl fmt::Display for KindChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::app::parts::names::place_kind(self.1, self.0.word()))
    }
}

/// A district kind, or none (communes set up after the two-level reform).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DistrictChoice(pub Option<DistrictKind>, pub Lang);

impl fmt::Display for DistrictChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(k) => f.write_str(&crate::app::parts::names::place_kind(self.1, k.word())),
            None => f.write_str(tr(self.1, T::CommuneNoDistrict)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetChoice {
    pub code: String,
    pub name: String,
}

impl fmt::Display for PresetChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

fn preset_choices(l: Lang) -> Vec<PresetChoice> {
    Preset::codes()
        .iter()
        .filter_map(|c| Preset::builtin(c))
        .map(|p| PresetChoice {
            name: p.name.get(l).to_string(),
            code: p.code,
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct CommuneForm {
    pub province: String,
    pub district_kind: Option<DistrictKind>,
    pub district_name: String,
    pub kind: CommuneKind,
    pub name: String,
    pub place_name: String,
    pub chairman: String,
    /// Vice-chairmen, separated by commas (as many as the commune has).
    pub vice: String,
    /// Villages typed at the first run, separated by commas or lines, each with its
    /// kind (`Thôn 1, Tổ dân phố Hạ Thanh`); empty in Settings.
    pub villages: String,
    pub preset: String,
    /// The words typed to find the commune in the official list of units.
    pub unit_search: String,
    /// The commune's code in the list, once picked (or linked in Settings).
    pub code: Option<u32>,
    touched: Vec<Field>,
    pub tried: bool,
    pub errors: Vec<FieldError>,
    pub saving: bool,
    /// Something was typed since the form was filled or saved.
    pub dirty: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Input(Field, String),
    Kind(KindChoice),
    District(DistrictChoice),
    Preset(PresetChoice),
    /// Words typed to find the commune in the official list.
    UnitSearch(String),
    /// A unit of the list chosen: its province, kind and name fill the form.
    Unit(u32),
    Save,
}

impl Default for CommuneForm {
    fn default() -> Self {
        let mut f = Self {
            province: String::new(),
            district_kind: None,
            district_name: String::new(),
            kind: CommuneKind::Xa,
            name: String::new(),
            place_name: String::new(),
            chairman: String::new(),
            vice: String::new(),
            villages: String::new(),
            preset: "ministry-001".into(),
            unit_search: String::new(),
            code: None,
            touched: Vec::new(),
            tried: false,
            errors: Vec::new(),
            saving: false,
            dirty: false,
        };
        f.check();
        f
    }
}

impl CommuneForm {
    /// The form filled with a saved commune.
    pub fn from_commune(c: &Commune) -> Self {
        let mut f = Self {
            province: c.province.clone(),
            district_kind: c.district.as_ref().map(|d| d.kind),
            district_name: c
                .district
                .as_ref()
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            kind: c.kind,
            name: c.name.clone(),
            place_name: c.place_name.clone(),
            chairman: c.chairman.clone(),
            vice: c.vice_chairmen.join(", "),
            preset: c.preset.clone(),
            ..Self::default()
        };
        f.check();
        f
    }

    pub fn new_commune(&self) -> NewCommune {
        NewCommune {
            province: self.province.clone(),
            district: self.district_kind.map(|kind| District {
                kind,
                name: self.district_name.clone(),
            }),
            kind: self.kind,
            name: self.name.clone(),
            place_name: self.place_name.clone(),
            chairman: self.chairman.clone(),
            vice_chairmen: self.vice.split([',', ';']).map(str::to_string).collect(),
            preset: self.preset.clone(),
        }
    }

    /// Checks everything; the commune to save when all is right.
    pub fn check(&mut self) -> Option<NewCommune> {
        let new = self.new_commune();
        let mut errors = match new.check() {
            Ok(_) => Vec::new(),
            Err(e) => e,
        };
        if self.district_kind.is_some() && self.district_name.trim().is_empty() {
            errors.push(FieldError::new(
                Field::District,
                "đã chọn loại huyện thì cần tên; hoặc chọn “không có huyện”",
                "a district kind needs a name; or choose “no district”",
            ));
        }
        if let Err(e) = crate::office::setup::typed_villages(&self.villages) {
            errors.push(e);
        }
        self.errors = errors;
        self.errors.is_empty().then_some(new)
    }

    /// Returns the commune to save when the clerk saves a correct form.
    pub fn update(&mut self, message: Message) -> Option<NewCommune> {
        match message {
            Message::Input(field, v) => {
                // The place of the date line follows the name until the clerk edits it.
                if field == Field::Commune
                    && !self.touched.contains(&Field::PlaceName)
                    && (self.place_name.is_empty() || self.place_name == self.name)
                {
                    self.place_name = v.clone();
                }
                if field == Field::Village {
                    self.villages = v;
                    if !self.touched.contains(&field) {
                        self.touched.push(field);
                    }
                    self.dirty = true;
                    self.check();
                    return None;
                }
                let slot = match field {
                    Field::Province => &mut self.province,
                    Field::District => &mut self.district_name,
                    Field::Commune => &mut self.name,
                    Field::PlaceName => &mut self.place_name,
                    Field::Chairman => &mut self.chairman,
                    Field::ViceChairmen => &mut self.vice,
                    _ => return None,
                };
                *slot = v;
                if !self.touched.contains(&field) {
                    self.touched.push(field);
                }
            }
            Message::UnitSearch(s) => {
                self.unit_search = s;
                return None;
            }
            Message::Unit(code) => {
                if let Some(u) = crate::domain::units::by_code(code) {
                    self.province = u.province.to_string();
                    self.kind = u.kind;
                    if !self.touched.contains(&Field::PlaceName)
                        && (self.place_name.is_empty() || self.place_name == self.name)
                    {
                        self.place_name = u.name.to_string();
                    }
                    self.name = u.name.to_string();
                    self.district_kind = None;
                    self.district_name.clear();
                    self.code = Some(code);
                    self.unit_search.clear();
                }
            }
            Message::Kind(k) => self.kind = k.0,
            Message::District(d) => self.district_kind = d.0,
            Message::Preset(p) => self.preset = p.code,
            Message::Save => {
                self.tried = true;
                // A code stays only while the details are still its unit's.
                if let Some(u) = self.code.and_then(crate::domain::units::by_code) {
                    let key = crate::domain::units::key;
                    if key(&self.name) != key(u.name)
                        || key(&self.province) != key(u.province)
                        || self.kind != u.kind
                    {
                        self.code = None;
                    }
                }
                let new = self.check()?;
                self.saving = true;
                return Some(new);
            }
        }
        self.dirty = true;
        self.check();
        None
    }

    fn error_for(&self, field: Field, l: Lang) -> Option<String> {
        if !self.tried && !self.touched.contains(&field) {
            return None;
        }
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message(l))
    }

    fn input<'a>(&'a self, l: Lang, field: Field, value: &'a str) -> Element<'a, Message> {
        // The district's line is named after its kind: Huyện, Thị xã, Thành phố, Quận.
        let name = match (field, self.district_kind, l) {
            (Field::District, Some(k), Lang::Vi) => k.label(),
            _ => field.name().get(l).to_string(),
        };
        widgets::field(
            name,
            field_id(field),
            value,
            self.error_for(field, l),
            move |v| Message::Input(field, v),
            Message::Save,
        )
    }

    /// The villages' field of the first run: one line, kinds typed with the names.
    pub fn villages_view(&self, l: Lang) -> Element<'_, Message> {
        let hint = match l {
            Lang::Vi => {
                "Các thôn, ấp, bản, tổ dân phố… của xã, cách nhau bởi dấu phẩy, mỗi tên kèm loại: “Thôn 1, Thôn 2, Tổ dân phố Hạ Thanh” (có thể thêm sau)"
            }
            Lang::En => {
                "The commune's villages, separated by commas, each with its kind: “Thôn 1, Thôn 2, Tổ dân phố Hạ Thanh” (can be added later)"
            }
        };
        column![
            self.input(l, Field::Village, &self.villages),
            text(hint).size(style::LABEL).color(style::MUTED),
        ]
        .spacing(style::SPACE_TIGHT)
        .into()
    }

    pub fn view(&self, l: Lang) -> Element<'_, Message> {
        let kinds: Vec<KindChoice> = CommuneKind::ALL
            .into_iter()
            .map(|k| KindChoice(k, l))
            .collect();
        let districts: Vec<DistrictChoice> = std::iter::once(None)
            .chain(DistrictKind::ALL.into_iter().map(Some))
            .map(|k| DistrictChoice(k, l))
            .collect();
        let presets = preset_choices(l);
        let chosen = presets.iter().find(|p| p.code == self.preset).cloned();
        let label = |s: String| text(s).size(style::LABEL);
        let mut district = row![
            column![
                label(tr(l, T::CommuneDistrictKind).to_string()),
                widgets::picker(
                    districts,
                    Some(DistrictChoice(self.district_kind, l)),
                    None,
                    Length::Fill,
                    Message::District
                )
            ]
            .spacing(style::SPACE_TIGHT)
            .width(Length::Fill)
        ]
        .spacing(12);
        if self.district_kind.is_some() {
            district = district.push(self.input(l, Field::District, &self.district_name));
        }
        let mut preset = column![
            label(Field::Preset.name().get(l).to_string()),
            widgets::picker(presets, chosen, None, Length::Fill, Message::Preset),
        ]
        .spacing(style::SPACE_TIGHT);
        if let Some(e) = self.error_for(Field::Preset, l) {
            preset = preset.push(text(e).size(style::LABEL).color(style::ERROR));
        }
        column![
            self.unit_view(l),
            self.input(l, Field::Province, &self.province),
            district,
            row![
                column![
                    label(tr(l, T::CommuneKind).to_string()),
                    widgets::picker(
                        kinds,
                        Some(KindChoice(self.kind, l)),
                        None,
                        Length::Fill,
                        Message::Kind
                    )
                ]
                .spacing(style::SPACE_TIGHT)
                .width(Length::FillPortion(1)),
                container_fill(self.input(l, Field::Commune, &self.name), 2),
            ]
            .spacing(12),
            self.input(l, Field::PlaceName, &self.place_name),
            row![
                self.input(l, Field::Chairman, &self.chairman),
                self.input(l, Field::ViceChairmen, &self.vice)
            ]
            .spacing(12),
            preset,
        ]
        .spacing(10)
        .into()
    }
}

impl CommuneForm {
    /// The search in the official list of units: the words typed, the matches to pick
    /// (each with its province and code), the code once picked.
    fn unit_view(&self, l: Lang) -> Element<'_, Message> {
        use iced::widget::{button, text_input};
        let mut col = column![
            text(tr(l, T::CommuneUnitSearch)).size(style::LABEL),
            text_input(tr(l, T::CommuneUnitHint), &self.unit_search)
                .id("commune_unit_search")
                .on_input(Message::UnitSearch)
                .padding(style::PAD_FIELD),
        ]
        .spacing(style::SPACE_TIGHT);
        let found = crate::domain::units::search(&self.unit_search, 6);
        if !self.unit_search.trim().is_empty() && found.is_empty() {
            col = col.push(
                text(tr(l, T::CommuneUnitNone))
                    .size(style::LABEL)
                    .color(style::MUTED),
            );
        }
        for u in found {
            col = col.push(
                button(
                    text(format!(
                        "{} — {} ({} {})",
                        u.full_name,
                        u.province_full,
                        tr(l, T::CommuneUnitCode),
                        u.code
                    ))
                    .size(style::LABEL),
                )
                .style(button::text)
                .padding([2, 6])
                .on_press(Message::Unit(u.code)),
            );
        }
        if let Some(code) = self.code {
            col = col.push(
                text(format!(
                    "{} {code} — {}",
                    tr(l, T::CommuneUnitCode),
                    match l {
                        Lang::Vi => crate::domain::units::LIST_NAME,
                        Lang::En => "the official list of units (2025, 34 provinces)",
                    }
                ))
                .size(style::LABEL)
                .color(style::OK),
            );
        }
        col.into()
    }
}

fn container_fill(e: Element<'_, Message>, portion: u16) -> Element<'_, Message> {
    iced::widget::container(e)
        .width(Length::FillPortion(portion))
        .into()
}

/// The widget id of a field (tests click it).
pub fn field_id(field: Field) -> &'static str {
    match field {
        Field::Province => "commune_province",
        Field::District => "commune_district",
        Field::Commune => "commune_name",
        Field::PlaceName => "commune_place",
        Field::Chairman => "commune_chairman",
        Field::ViceChairmen => "commune_vice",
        Field::Village => "commune_villages",
        _ => "commune_other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_form_names_each_missing_field_and_a_filled_one_passes() {
        let mut f = CommuneForm::default();
        assert!(f.update(Message::Save).is_none());
        let fields: Vec<Field> = f.errors.iter().map(|e| e.field).collect();
        assert!(fields.contains(&Field::Province));
        assert!(fields.contains(&Field::Commune));
        assert!(fields.contains(&Field::Chairman));
        f.update(Message::Input(Field::Province, "Lâm Đồng".into()));
        f.update(Message::Input(Field::Commune, "Quảng Sơn".into()));
        f.update(Message::Input(Field::Chairman, "Nguyễn Văn An".into()));
        f.update(Message::Input(
            Field::ViceChairmen,
            "Trần Thị Bình, Lê Văn Cường".into(),
        ));
        let new = f.update(Message::Save).expect("all fields right");
        assert_eq!(new.vice_chairmen.len(), 2);
        let c = new.check().unwrap();
        assert_eq!(c.place_name, "Quảng Sơn");
        assert!(c.district.is_none());
    }

    #[test]
    fn a_district_kind_without_a_name_is_refused() {
        let mut f = CommuneForm::default();
        f.update(Message::District(DistrictChoice(
            Some(DistrictKind::Huyen),
            Lang::Vi,
        )));
        f.tried = true;
        f.check();
        assert!(
            f.error_for(Field::District, Lang::Vi)
                .unwrap()
                .starts_with("Huyện:")
        );
    }

    #[test]
    fn the_place_follows_the_name_until_edited_and_the_district_line_its_kind() {
        let mut f = CommuneForm::default();
        f.update(Message::Input(Field::Commune, "Thạch".into()));
        f.update(Message::Input(Field::Commune, "Thạch Linh".into()));
        assert_eq!(f.place_name, "Thạch Linh");
        f.update(Message::Input(Field::PlaceName, "Hà Tĩnh".into()));
        f.update(Message::Input(Field::Commune, "Thạch Hạ".into()));
        assert_eq!(f.place_name, "Hà Tĩnh");
        f.update(Message::District(DistrictChoice(
            Some(DistrictKind::ThanhPho),
            Lang::Vi,
        )));
        f.tried = true;
        f.check();
        assert!(
            f.error_for(Field::District, Lang::Vi).is_some(),
            "a kind without a name"
        );
    }

    #[test]
    fn villages_typed_at_the_first_run_need_their_kind() {
        let mut f = CommuneForm::default();
        f.update(Message::Input(Field::Village, "Thôn 1, Hạ Thanh".into()));
        f.tried = true;
        let e = f.error_for(Field::Village, Lang::Vi).unwrap();
        assert!(e.contains("Hạ Thanh"), "{e}");
        f.update(Message::Input(
            Field::Village,
            "Thôn 1, Tổ dân phố Hạ Thanh".into(),
        ));
        assert!(f.error_for(Field::Village, Lang::Vi).is_none());
    }
}
