//! Setting a commune up without the window: the home commune, its villages, its teams
//! and their members — with the same checks and messages as the first-run form and the
//! member form (`store::NewCommune::check`, `domain::people` inputs).

use super::{Error, Result};
use crate::domain::people::{JoinInput, PersonInput};
use crate::domain::place::{
    Commune, CommuneKind, District, DistrictKind, Village, VillageKind, VillageStatus,
};
use crate::domain::team::{Level, Team, TeamStatus};
use crate::domain::{Field, FieldError, text};
use crate::store::{MemberRow, NewCommune, Store};

/// The rule preset a commune set up without one follows.
pub const DEFAULT_PRESET: &str = "ministry-001";

/// The commune as typed: kinds still words or codes, checked here.
#[derive(Debug, Clone, Default)]
pub struct CommuneInput {
    pub province: String,
    /// `huyen`, `thi-xa`, `thanh-pho`, `quan` (or the words); empty when there is none.
    pub district_kind: String,
    pub district: String,
    /// `xa`, `phuong`, `thi-tran` (or the words).
    pub kind: String,
    pub name: String,
    pub chairman: String,
    pub vice_chairmen: Vec<String>,
    /// The place of the date line; the commune's name when empty (or kept, on an
    /// update, when the clerk had typed one of their own).
    pub place: String,
    /// The rule preset; the current one (or [`DEFAULT_PRESET`]) when empty.
    pub preset: String,
    /// The commune's code in the official list of units, when it was picked from it.
    pub code: Option<u32>,
}

/// The unit of a code in the official list; what else was typed (province, kind,
/// name) must be that unit's.
pub fn unit(
    code: u32,
    province: Option<&str>,
    kind: Option<&str>,
    name: Option<&str>,
) -> Result<&'static crate::domain::units::Unit> {
    use crate::domain::units::{self, key};
    let Some(u) = units::by_code(code) else {
        return Err(Error::invalid(field_error(
            Field::Commune,
            format!("mã {code} không có trong {}", units::LIST_NAME),
            format!("the code {code} is not in the official list of units (2025)"),
        )));
    };
    let differs = |typed: Option<&str>, listed: &str| typed.is_some_and(|t| key(t) != key(listed));
    let kind_differs = kind.is_some_and(|k| CommuneKind::parse(k) != Some(u.kind));
    if differs(province, u.province) || differs(name, u.name) || kind_differs {
        return Err(Error::invalid(field_error(
            Field::Commune,
            format!(
                "mã {code} là {} ({}), không phải {} ({})",
                u.full_name,
                u.province_full,
                [kind.unwrap_or(""), name.unwrap_or("")].join(" ").trim(),
                province.unwrap_or("")
            ),
            format!(
                "the code {code} is {} ({}), not {} ({})",
                u.full_name,
                u.province_full,
                [kind.unwrap_or(""), name.unwrap_or("")].join(" ").trim(),
                province.unwrap_or("")
            ),
        )));
    }
    Ok(u)
}

/// What `commune set` did.
#[derive(Debug, Clone)]
pub struct CommuneSet {
    pub commune: Commune,
    pub created: bool,
}

fn field_error(field: Field, vi: impl Into<String>, en: impl Into<String>) -> FieldError {
    FieldError::new(field, vi, en)
}

/// Creates the home commune, or updates it when there is one.
pub fn set_commune(store: &mut Store, input: &CommuneInput) -> Result<CommuneSet> {
    if store.province_home()?.is_some() {
        return Err(Error::refused(
            "cơ sở dữ liệu này là của tỉnh; cơ sở dữ liệu của xã là một tệp riêng (--db)",
            "this database is a province's; a commune's database is a file of its own (--db)",
        ));
    }
    let mut errors = Vec::new();
    let kind = CommuneKind::parse(&input.kind).unwrap_or_else(|| {
        errors.push(field_error(
            Field::Commune,
            format!(
                "loại “{}” không có; chỉ nhận xa (xã), phuong (phường), thi-tran (thị trấn)",
                input.kind
            ),
            format!(
                "there is no kind “{}”; use xa (xã), phuong (phường) or thi-tran (thị trấn)",
                input.kind
            ),
        ));
        CommuneKind::Xa
    });
    let district_name = text::clean(&input.district);
    let district = match (input.district_kind.trim(), district_name.is_empty()) {
        ("", true) => None,
        ("", false) => {
            errors.push(field_error(
                Field::District,
                "cần ghi loại: huyen, thi-xa, thanh-pho hoặc quan",
                "needs its kind: huyen, thi-xa, thanh-pho or quan",
            ));
            None
        }
        (k, empty) => match DistrictKind::parse(k) {
            Some(_) if empty => {
                errors.push(field_error(Field::District, "cần ghi tên", "needs a name"));
                None
            }
            Some(kind) => Some(District {
                kind,
                name: district_name.clone(),
            }),
            None => {
                errors.push(field_error(
                    Field::District,
                    format!("loại “{k}” không có; chỉ nhận huyen, thi-xa, thanh-pho hoặc quan"),
                    format!("there is no kind “{k}”; use huyen, thi-xa, thanh-pho or quan"),
                ));
                None
            }
        },
    };
    let home = store.home_commune()?;
    let place = text::clean(&input.place);
    let place_name = match (&home, place.is_empty()) {
        (_, false) => place,
        // An update keeps a place the clerk typed; one that was the name follows it.
        (Some(h), true) if h.place_name != h.name => h.place_name.clone(),
        _ => String::new(),
    };
    let preset = match (text::clean(&input.preset), &home) {
        (p, _) if !p.is_empty() => p,
        (_, Some(h)) => h.preset.clone(),
        (_, None) => DEFAULT_PRESET.to_string(),
    };
    let new = NewCommune {
        province: input.province.clone(),
        district,
        kind,
        name: input.name.clone(),
        place_name,
        chairman: input.chairman.clone(),
        vice_chairmen: input.vice_chairmen.clone(),
        preset,
    };
    if let Err(e) = new.check() {
        errors.extend(e);
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(CommuneSet {
        commune: store.save_commune(home.as_ref().map(|h| h.id), &new, input.code)?,
        created: home.is_none(),
    })
}

fn home(store: &Store) -> Result<Commune> {
    store.home_commune()?.ok_or_else(|| {
        Error::not_found(
            "Chưa có xã nào: hãy chạy “cnscd commune set” trước",
            "No commune yet: run “cnscd commune set” first",
        )
    })
}

/// Adds villages of one kind to the home commune, all or none.
pub fn add_villages(store: &mut Store, kind: &str, names: &[String]) -> Result<Vec<Village>> {
    let commune = home(store)?;
    let Some(kind) = VillageKind::parse(kind) else {
        return Err(Error::invalid(field_error(
            Field::Village,
            format!(
                "loại “{kind}” không có; chỉ nhận thon, ap, ban, buon, bon, lang, khu-pho, to-dan-pho"
            ),
            format!(
                "there is no kind “{kind}”; use thon, ap, ban, buon, bon, lang, khu-pho or to-dan-pho"
            ),
        )));
    };
    let names: Vec<String> = names.iter().map(|n| text::clean(n)).collect();
    if names.is_empty() || names.iter().any(String::is_empty) {
        return Err(Error::invalid(field_error(
            Field::Village,
            "tên không được để trống",
            "the name must not be empty",
        )));
    }
    for (i, n) in names.iter().enumerate() {
        if names[..i].iter().any(|m| text::fold(m) == text::fold(n)) {
            return Err(Error::invalid(field_error(
                Field::Village,
                format!("{} {n} được ghi hai lần", kind.word()),
                format!("{} {n} is given twice", kind.word()),
            )));
        }
        let taken = store
            .villages(commune.id, false)?
            .into_iter()
            .any(|v| v.kind == kind && text::fold(&v.name) == text::fold(n));
        if taken {
            return Err(Error::invalid(field_error(
                Field::Village,
                format!("{} đã có {} {n}", commune.full_name(), kind.word()),
                format!("{} already has {} {n}", commune.full_name(), kind.word()),
            )));
        }
    }
    let mut out = Vec::new();
    for n in &names {
        out.push(store.add_village(commune.id, kind, n)?);
    }
    Ok(out)
}

/// Reads the villages typed in the first-run form: separated by commas, semicolons
/// or lines, each starting with its kind (`Thôn 1`, `tổ dân phố Hạ Thanh`).
pub fn typed_villages(typed: &str) -> std::result::Result<Vec<(VillageKind, String)>, FieldError> {
    let mut out: Vec<(VillageKind, String)> = Vec::new();
    for item in typed.split([',', ';', '\n']).map(text::clean) {
        if item.is_empty() {
            continue;
        }
        match VillageKind::split_typed(&item) {
            Some((kind, name)) if !name.is_empty() => {
                if out
                    .iter()
                    .any(|(k, n)| *k == kind && text::fold(n) == text::fold(&name))
                {
                    return Err(field_error(
                        Field::Village,
                        format!("“{item}” được ghi hai lần"),
                        format!("“{item}” is given twice"),
                    ));
                }
                out.push((kind, name));
            }
            _ => {
                return Err(field_error(
                    Field::Village,
                    format!(
                        "“{item}” cần ghi cả loại trước tên: thôn, ấp, bản, buôn, bon, làng, khu phố hoặc tổ dân phố"
                    ),
                    format!(
                        "“{item}” needs its kind before the name: thôn, ấp, bản, buôn, bon, làng, khu phố or tổ dân phố"
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The first run: the commune and the villages typed with it. The villages are
/// checked before anything is saved.
pub fn create_with_villages(
    store: &mut Store,
    new: &NewCommune,
    code: Option<u32>,
    villages: &str,
) -> Result<i64> {
    let villages = typed_villages(villages).map_err(Error::invalid)?;
    let c = store.save_commune(None, new, code)?;
    for (kind, name) in villages {
        store.add_village(c.id, kind, &name)?;
    }
    Ok(c.id)
}

/// Finds an active village of the home commune by its name, with or without the kind
/// word (`Hạ Thanh`, `thôn Hạ Thanh`), ignoring case and accents.
pub fn find_village(store: &Store, typed: &str) -> Result<Village> {
    let commune = home(store)?;
    let villages = store.villages(commune.id, false)?;
    let want = text::fold(typed);
    let found: Vec<&Village> = villages
        .iter()
        .filter(|v| v.status == VillageStatus::Active)
        .filter(|v| text::fold(&v.full_name()) == want || text::fold(&v.name) == want)
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::invalid(field_error(
            Field::Village,
            format!("{} không có “{}”", commune.full_name(), text::clean(typed)),
            format!("{} has no “{}”", commune.full_name(), text::clean(typed)),
        ))),
        _ => Err(Error::invalid(field_error(
            Field::Village,
            format!(
                "có nhiều nơi tên “{}”: hãy ghi cả loại (thôn, ấp, …)",
                text::clean(typed)
            ),
            format!(
                "several villages are called “{}”: give the kind too",
                text::clean(typed)
            ),
        ))),
    }
}

/// A new team: the commune's (`village` = `None`) or a village's. A place has one
/// team that is not dissolved.
pub fn add_team(store: &mut Store, village: Option<&str>) -> Result<(Team, String)> {
    let commune = home(store)?;
    let village = village.map(|v| find_village(store, v)).transpose()?;
    let village_id = village.as_ref().map(|v| v.id);
    let exists = store.teams(commune.id)?.into_iter().any(|t| {
        t.status != TeamStatus::Dissolved
            && match village_id {
                Some(v) => t.village_id == Some(v),
                None => t.level == Level::Commune,
            }
    });
    if exists {
        let place = village
            .as_ref()
            .map(Village::full_name)
            .unwrap_or_else(|| commune.full_name());
        return Err(Error::refused(
            format!("{place} đã có Tổ công nghệ số cộng đồng"),
            format!("{place} already has a team"),
        ));
    }
    let team = store.create_team(commune.id, village_id, None)?;
    let name = store.team_name(&team)?;
    Ok((team, name))
}

/// A member as typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct MemberInput {
    pub team: i64,
    pub name: String,
    /// `truong`, `pho`, `vien` (or the labels: `Tổ trưởng`, `leader`, …).
    pub role: String,
    pub position: String,
    pub phone: String,
    pub gender: String,
    pub joined: String,
}

/// Reads a role as the command line gives it: `truong`, `pho`, `vien`, or any label.
pub fn role_word(typed: &str) -> String {
    match text::fold(typed).as_str() {
        "truong" => "leader".into(),
        "pho" => "deputy".into(),
        "vien" => "member".into(),
        _ => typed.to_string(),
    }
}

/// A new person joins a team: both saved, or neither.
pub fn add_member(store: &mut Store, input: &MemberInput) -> Result<MemberRow> {
    let team = store.team(input.team)?;
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let person = PersonInput {
        full_name: input.name.clone(),
        gender: input.gender.clone(),
        position: input.position.clone(),
        phone: input.phone.clone(),
        ..Default::default()
    };
    let joining = JoinInput {
        role: role_word(&input.role),
        joined_on: input.joined.clone(),
        ..Default::default()
    };
    let (person, joining) = match (person.check(this_year), joining.check()) {
        (Ok(p), Ok(j)) => (p.person, j),
        (p, j) => {
            let mut errors = Vec::new();
            if let Err(e) = p {
                errors.extend(e);
            }
            if let Err(e) = j {
                errors.extend(e);
            }
            return Err(Error::Invalid(errors));
        }
    };
    Ok(store.add_member(team.id, &person, &joining)?)
}
