//! Communes and villages.

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError, log};
use crate::domain::place::{
    Commune, CommuneKind, District, DistrictKind, Village, VillageKind, VillageStatus,
};
use crate::domain::preset::Preset;
use crate::domain::{Field, FieldError, text};

/// What the first-run form or the demo gives to create a commune.
#[derive(Debug, Clone)]
pub struct NewCommune {
    pub province: String,
    pub district: Option<District>,
    pub kind: CommuneKind,
    pub name: String,
    /// Empty means the commune's name.
    pub place_name: String,
    pub chairman: String,
    pub vice_chairmen: Vec<String>,
    pub preset: String,
}

/// The letters a place's name (province, commune, district, the place in the date
/// line) may have.
pub const MAX_PLACE_CHARS: usize = 60;

impl NewCommune {
    /// Cleans every field and refuses what cannot be saved, naming the field.
    pub fn check(&self) -> std::result::Result<Commune, Vec<FieldError>> {
        let mut errors = Vec::new();
        let province = text::clean(&self.province);
        let province = province
            .strip_prefix("tỉnh ")
            .or_else(|| province.strip_prefix("Tỉnh "))
            .unwrap_or(&province)
            .to_string();
        if province.is_empty() {
            errors.push(FieldError::new(
                Field::Province,
                "không được để trống",
                "must not be empty",
            ));
        }
        let name = text::clean(&self.name);
        if name.is_empty() {
            errors.push(FieldError::new(
                Field::Commune,
                "không được để trống",
                "must not be empty",
            ));
        }
        let district = match &self.district {
            Some(d) if !text::clean(&d.name).is_empty() => Some(District {
                kind: d.kind,
                name: text::clean(&d.name),
            }),
            _ => None,
        };
        // A place's name is a few words (the longest official ones are under 40
        // letters): a paste of a page never reaches a decision's header.
        for (field, value) in [
            (Field::Province, province.as_str()),
            (Field::Commune, name.as_str()),
            (
                Field::District,
                self.district.as_ref().map_or("", |d| d.name.as_str()),
            ),
            (Field::PlaceName, self.place_name.as_str()),
        ] {
            let n = text::clean(value).chars().count();
            if n > MAX_PLACE_CHARS {
                errors.push(FieldError::new(
                    field,
                    format!("dài {n} ký tự; tên địa danh tối đa {MAX_PLACE_CHARS} ký tự"),
                    format!("is {n} characters long; a place's name has at most {MAX_PLACE_CHARS}"),
                ));
            }
        }
        if text::clean(&self.chairman).is_empty() {
            errors.push(FieldError::new(
                Field::Chairman,
                "cần có họ tên người ký quyết định",
                "the name of who signs the decisions is needed",
            ));
        } else if let Err(e) = crate::domain::validate::full_name(&self.chairman) {
            // The one who signs is named as a person is: letters, at most 80.
            errors.push(FieldError {
                field: Field::Chairman,
                ..e
            });
        }
        for v in &self.vice_chairmen {
            if !text::clean(v).is_empty()
                && let Err(e) = crate::domain::validate::full_name(v)
            {
                errors.push(FieldError {
                    field: Field::ViceChairmen,
                    ..e
                });
            }
        }
        if Preset::builtin(&self.preset).is_none() {
            errors.push(FieldError::new(
                Field::Preset,
                format!("không có bộ quy tắc “{}”", self.preset),
                format!("there is no rule preset “{}”", self.preset),
            ));
        }
        let place = text::clean(&self.place_name);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Commune {
            id: 0,
            province,
            district,
            kind: self.kind,
            place_name: if place.is_empty() {
                name.clone()
            } else {
                place
            },
            name,
            chairman: text::clean(&self.chairman),
            vice_chairmen: self
                .vice_chairmen
                .iter()
                .map(|s| text::clean(s))
                .filter(|s| !s.is_empty())
                .collect(),
            preset: self.preset.clone(),
            village_kinds: Vec::new(),
        })
    }
}

pub(super) const COMMUNE_COLS: &str = "id, province, district_kind, district_name, kind, name, place_name, \
                            chairman, vice_chairmen, preset, \
                            (SELECT group_concat(DISTINCT v.kind) FROM villages v \
                             WHERE v.commune_id = communes.id AND v.status = 'active')";

pub(super) fn commune_row(r: &Row<'_>) -> rusqlite::Result<Commune> {
    let district_kind: Option<String> = r.get(2)?;
    let district_name: Option<String> = r.get(3)?;
    let kind: String = r.get(4)?;
    let vice: String = r.get(8)?;
    Ok(Commune {
        id: r.get(0)?,
        province: r.get(1)?,
        district: match (
            district_kind.as_deref().and_then(DistrictKind::from_code),
            district_name,
        ) {
            (Some(kind), Some(name)) => Some(District { kind, name }),
            _ => None,
        },
        kind: CommuneKind::from_code(&kind).unwrap_or(CommuneKind::Xa),
        name: r.get(5)?,
        place_name: r.get(6)?,
        chairman: r.get(7)?,
        vice_chairmen: serde_json::from_str(&vice).unwrap_or_default(),
        preset: r.get(9)?,
        village_kinds: {
            let codes: Option<String> = r.get(10)?;
            let codes = codes.unwrap_or_default();
            VillageKind::ALL
                .into_iter()
                .filter(|k| codes.split(',').any(|c| c == k.code()))
                .collect()
        },
    })
}

/// Writes the commune's details (the id is `c.id`).
fn update_in(tx: &rusqlite::Transaction<'_>, c: &Commune) -> Result<()> {
    let n = tx.execute(
        "UPDATE communes SET province = ?2, district_kind = ?3, district_name = ?4, \
         kind = ?5, name = ?6, place_name = ?7, chairman = ?8, vice_chairmen = ?9, \
         preset = ?10 WHERE id = ?1",
        params![
            c.id,
            c.province,
            c.district.as_ref().map(|d| d.kind.code()),
            c.district.as_ref().map(|d| d.name.as_str()),
            c.kind.code(),
            c.name,
            c.place_name,
            c.chairman,
            serde_json::to_string(&c.vice_chairmen).unwrap_or_else(|_| "[]".into()),
            c.preset,
        ],
    )?;
    if n == 0 {
        return Err(no_commune(c.id));
    }
    log(tx, "commune", c.id, "update", &c.full_name())
}

pub(super) const VILLAGE_COLS: &str = "id, commune_id, kind, name, status, merged_into";

pub(super) fn village_row(r: &Row<'_>) -> rusqlite::Result<Village> {
    let kind: String = r.get(2)?;
    let status: String = r.get(4)?;
    Ok(Village {
        id: r.get(0)?,
        commune_id: r.get(1)?,
        kind: VillageKind::from_code(&kind).unwrap_or(VillageKind::Thon),
        name: r.get(3)?,
        status: VillageStatus::from_code(&status).unwrap_or(VillageStatus::Active),
        merged_into: r.get(5)?,
    })
}

impl Store {
    pub fn create_commune(&mut self, new: &NewCommune) -> Result<Commune> {
        let mut c = new.check().map_err(StoreError::Invalid)?;
        c.id = self.write(|tx| insert_commune(tx, &c))?;
        Ok(c)
    }

    /// Creates the home commune (`id` none) or saves its details, with its code in the
    /// official list of units when one is given — one transaction.
    pub fn save_commune(
        &mut self,
        id: Option<i64>,
        new: &NewCommune,
        code: Option<u32>,
    ) -> Result<Commune> {
        let mut c = new.check().map_err(StoreError::Invalid)?;
        let id = self.write(|tx| {
            let id = match id {
                Some(id) => {
                    c.id = id;
                    update_in(tx, &c)?;
                    id
                }
                None => insert_commune(tx, &c)?,
            };
            if let Some(code) = code {
                tx.execute(
                    "UPDATE communes SET unit_code = ?2 WHERE id = ?1",
                    params![id, code],
                )?;
                log(tx, "commune", id, "unit_code", &code.to_string())?;
            }
            Ok(id)
        })?;
        self.commune(id)
    }

    /// Saves the commune's details (Settings).
    pub fn update_commune(&mut self, id: i64, new: &NewCommune) -> Result<Commune> {
        let mut c = new.check().map_err(StoreError::Invalid)?;
        c.id = id;
        self.write(|tx| update_in(tx, &c))?;
        self.commune(c.id)
    }

    pub fn communes(&self) -> Result<Vec<Commune>> {
        let mut st = self
            .conn()
            .prepare_cached(&format!("SELECT {COMMUNE_COLS} FROM communes ORDER BY id"))?;
        let rows = st.query_map([], commune_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn commune(&self, id: i64) -> Result<Commune> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {COMMUNE_COLS} FROM communes WHERE id = ?1"
            ))?
            .query_row([id], commune_row)
            .optional()?
            .ok_or_else(|| no_commune(id))
    }

    /// Since when the commune's work is on record: the earliest of the day it was set
    /// up here (its history, or the first history entry of the database), a member's
    /// joining, an activity and an issued decision or report. No reporting deadline
    /// falls before it. `None` when nothing is known.
    pub fn commune_since(&self, id: i64) -> Result<Option<chrono::NaiveDate>> {
        let first: Option<String> = self.conn().query_row(
            "SELECT min(d) FROM ( \
               SELECT coalesce( \
                 (SELECT min(substr(at, 1, 10)) FROM history \
                  WHERE entity = 'commune' AND entity_id = ?1 AND action = 'create'), \
                 (SELECT min(substr(at, 1, 10)) FROM history)) AS d \
               UNION ALL SELECT min(m.joined_on) FROM memberships m \
                 JOIN teams t ON t.id = m.team_id WHERE t.commune_id = ?1 \
               UNION ALL SELECT min(on_date) FROM activities WHERE commune_id = ?1 \
               UNION ALL SELECT min(issued_on) FROM decisions WHERE commune_id = ?1 \
               UNION ALL SELECT min(issued_on) FROM reports WHERE commune_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        Ok(first.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }

    /// The commune the office works for (the first one), if set up.
    /// The commune's code in the statistics office's list, when it was picked from the
    /// list or linked to it.
    pub fn unit_code(&self, commune_id: i64) -> Result<Option<u32>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT unit_code FROM communes WHERE id = ?1",
                [commune_id],
                |r| r.get::<_, Option<u32>>(0),
            )
            .optional()?
            .flatten())
    }

    /// Links the commune to its code in the list (`None` unlinks it).
    pub fn set_unit_code(&mut self, commune_id: i64, code: Option<u32>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE communes SET unit_code = ?2 WHERE id = ?1",
                rusqlite::params![commune_id, code],
            )?;
            super::log(
                tx,
                "commune",
                commune_id,
                "unit_code",
                &code.map(|c| c.to_string()).unwrap_or_default(),
            )
        })
    }

    pub fn home_commune(&self) -> Result<Option<Commune>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COMMUNE_COLS} FROM communes ORDER BY id LIMIT 1"),
                [],
                commune_row,
            )
            .optional()?)
    }

    pub fn add_village(
        &mut self,
        commune_id: i64,
        kind: VillageKind,
        name: &str,
    ) -> Result<Village> {
        let name = text::clean(name);
        if name.is_empty() {
            return Err(StoreError::invalid(FieldError::new(
                Field::Village,
                "tên không được để trống",
                "the name must not be empty",
            )));
        }
        self.commune(commune_id)?;
        let id = self.write(|tx| insert_village(tx, commune_id, kind, &name))?;
        self.village(id)
    }

    pub fn village(&self, id: i64) -> Result<Village> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {VILLAGE_COLS} FROM villages WHERE id = ?1"
            ))?
            .query_row([id], village_row)
            .optional()?
            .ok_or_else(|| {
                StoreError::not_found(
                    format!("Không có thôn, ấp, khu phố số {id}"),
                    format!("There is no village with id {id}"),
                )
            })
    }

    /// The villages of a commune, active first, in Vietnamese order.
    pub fn villages(&self, commune_id: i64, include_inactive: bool) -> Result<Vec<Village>> {
        let mut st = self.conn().prepare_cached(&format!(
            "SELECT {VILLAGE_COLS} FROM villages WHERE commune_id = ?1 \
             AND (?2 OR status = 'active')"
        ))?;
        let mut v: Vec<Village> = st
            .query_map(params![commune_id, include_inactive], village_row)?
            .collect::<rusqlite::Result<_>>()?;
        v.sort_by_cached_key(|v| {
            (
                v.status != VillageStatus::Active,
                natural_key(&v.full_name()),
            )
        });
        Ok(v)
    }

    pub fn rename_village(&mut self, id: i64, kind: VillageKind, name: &str) -> Result<Village> {
        let old = self.village(id)?;
        let name = text::clean(name);
        if name.is_empty() {
            return Err(StoreError::invalid(FieldError::new(
                Field::Village,
                "tên không được để trống",
                "the name must not be empty",
            )));
        }
        self.write(|tx| {
            ensure_village_name_free(tx, old.commune_id, kind, &name, Some(id))?;
            tx.execute(
                "UPDATE villages SET kind = ?2, name = ?3 WHERE id = ?1",
                params![id, kind.code(), name],
            )?;
            log(
                tx,
                "village",
                id,
                "rename",
                &format!("{} → {} {name}", old.full_name(), kind.word()),
            )
        })?;
        self.village(id)
    }

    /// Merges a village into another; with `move_teams`, its active teams move too.
    pub fn merge_village(&mut self, id: i64, into: i64, move_teams: bool) -> Result<()> {
        let from = self.village(id)?;
        let to = self.village(into)?;
        if id == into || from.commune_id != to.commune_id || to.status != VillageStatus::Active {
            return Err(StoreError::refused(
                "Chỉ sáp nhập được vào một thôn khác, đang hoạt động, cùng xã",
                "A village can only be merged into another active village of the same commune",
            ));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE villages SET status = 'merged', merged_into = ?2 WHERE id = ?1",
                params![id, into],
            )?;
            if move_teams {
                tx.execute(
                    "UPDATE teams SET village_id = ?2 WHERE village_id = ?1 AND status <> 'dissolved'",
                    params![id, into],
                )?;
            }
            log(
                tx,
                "village",
                id,
                "merge",
                &format!("{} → {}", from.full_name(), to.full_name()),
            )
        })
    }

    pub fn retire_village(&mut self, id: i64) -> Result<()> {
        let v = self.village(id)?;
        self.write(|tx| {
            tx.execute("UPDATE villages SET status = 'retired' WHERE id = ?1", [id])?;
            log(tx, "village", id, "retire", &v.full_name())
        })
    }
}

pub(super) fn insert_commune(tx: &rusqlite::Transaction<'_>, c: &Commune) -> Result<i64> {
    tx.execute(
        "INSERT INTO communes (province, district_kind, district_name, kind, name, \
         place_name, chairman, vice_chairmen, preset) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.province,
            c.district.as_ref().map(|d| d.kind.code()),
            c.district.as_ref().map(|d| d.name.as_str()),
            c.kind.code(),
            c.name,
            c.place_name,
            c.chairman,
            serde_json::to_string(&c.vice_chairmen).unwrap_or_else(|_| "[]".into()),
            c.preset,
        ],
    )?;
    let id = tx.last_insert_rowid();
    log(tx, "commune", id, "create", &c.full_name())?;
    Ok(id)
}

pub(super) fn insert_village(
    tx: &rusqlite::Transaction<'_>,
    commune_id: i64,
    kind: VillageKind,
    name: &str,
) -> Result<i64> {
    ensure_village_name_free(tx, commune_id, kind, name, None)?;
    tx.execute(
        "INSERT INTO villages (commune_id, kind, name) VALUES (?1, ?2, ?3)",
        params![commune_id, kind.code(), name],
    )?;
    let id = tx.last_insert_rowid();
    log(
        tx,
        "village",
        id,
        "create",
        &format!("{} {name}", kind.word()),
    )?;
    Ok(id)
}

fn ensure_village_name_free(
    tx: &rusqlite::Transaction<'_>,
    commune_id: i64,
    kind: VillageKind,
    name: &str,
    except: Option<i64>,
) -> Result<()> {
    let mut st = tx.prepare_cached(
        "SELECT id, name FROM villages WHERE commune_id = ?1 AND kind = ?2 AND status = 'active'",
    )?;
    let taken = st
        .query_map(params![commune_id, kind.code()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .filter_map(|r| r.ok())
        .any(|(id, n)| Some(id) != except && text::fold(&n) == text::fold(name));
    if taken {
        return Err(StoreError::invalid(FieldError::new(
            Field::Village,
            format!("xã đã có {} {name}", kind.word()),
            format!("the commune already has {} {name}", kind.word()),
        )));
    }
    Ok(())
}

fn no_commune(id: i64) -> StoreError {
    StoreError::not_found(
        format!("Không có xã số {id}"),
        format!("There is no commune with id {id}"),
    )
}

/// Sorts `thôn 2` before `thôn 10`: numbers by value, words the Vietnamese way.
pub(crate) fn natural_key(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush_word = |word: &mut String, out: &mut Vec<u8>| {
        if !word.is_empty() {
            out.extend(crate::domain::collate::key(word));
            word.clear();
        }
    };
    let mut digits = String::new();
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            flush_word(&mut word, &mut out);
            digits.push(ch);
        } else {
            if !digits.is_empty() {
                let n: u64 = digits.parse().unwrap_or(u64::MAX);
                out.push(0x01);
                out.extend(n.to_be_bytes());
                digits.clear();
            }
            word.push(ch);
        }
    }
    flush_word(&mut word, &mut out);
    if !digits.is_empty() {
        let n: u64 = digits.parse().unwrap_or(u64::MAX);
        out.push(0x01);
        out.extend(n.to_be_bytes());
    }
    out
}
