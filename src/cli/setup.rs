//! Setting a commune up from the command line: `commune set`, `village add`,
//! `team add`, `member add` — thin over [`crate::office::setup`]. Each prints what it
//! saved, tab-separated, the id first.

use std::io::Write;

use clap::{Args, Subcommand};

use super::{Failure, Out};
use crate::office::setup::{self, CommuneInput, MemberInput};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum CommuneVerb {
    /// Create the home commune, or update it: prints id, name, created|updated.
    Set(CommuneArgs),
}

#[derive(Debug, Args)]
pub struct CommuneArgs {
    /// The commune's code in the official list of units (`cnscd units TEXT` finds it):
    /// its province, kind and name come from the list.
    #[arg(long, value_name = "N")]
    pub code: Option<u32>,
    /// The province (or centrally-run city), without `tỉnh`.
    #[arg(long, required_unless_present = "code")]
    pub province: Option<String>,
    /// huyen, thi-xa, thanh-pho or quan; none after the 2025 reform.
    #[arg(
        long,
        value_name = "huyen|thi-xa|thanh-pho|quan",
        requires = "district"
    )]
    pub district_kind: Option<String>,
    #[arg(long, value_name = "NAME", requires = "district_kind")]
    pub district: Option<String>,
    /// xa, phuong or thi-tran.
    #[arg(
        long,
        value_name = "xa|phuong|thi-tran",
        required_unless_present = "code"
    )]
    pub kind: Option<String>,
    #[arg(long, required_unless_present = "code")]
    pub name: Option<String>,
    /// The chairman of the commune's People's Committee.
    #[arg(long)]
    pub chairman: String,
    /// A vice-chairman; repeat for several.
    #[arg(long = "vice-chairman", value_name = "NAME")]
    pub vice_chairmen: Vec<String>,
    /// The place of the date line; the commune's name by default.
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// The rule preset (ministry-001 by default).
    #[arg(long)]
    pub preset: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum VillageVerb {
    /// Add villages of one kind: prints id, kind, name for each.
    Add {
        #[arg(long, value_name = "thon|ap|ban|buon|bon|lang|khu-pho|to-dan-pho")]
        kind: String,
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamVerb {
    /// Add the commune's team or a village's: prints the new team's id and name.
    Add {
        /// The commune's own team.
        #[arg(long, conflicts_with = "village", required_unless_present = "village")]
        commune: bool,
        /// The village's team (its name, with or without the kind word).
        #[arg(long, value_name = "NAME")]
        village: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberVerb {
    /// A new person joins a team: prints the membership's id, the name and the role.
    Add {
        #[arg(long, value_name = "ID")]
        team: i64,
        #[arg(long)]
        name: String,
        /// truong (Tổ trưởng), pho (Tổ phó) or vien (Tổ viên).
        #[arg(long, value_name = "truong|pho|vien")]
        role: String,
        /// Position and organisation (`Công chức Văn phòng - Thống kê`).
        #[arg(long)]
        position: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// nam or nu (Ông / Bà in the decisions).
        #[arg(long, value_name = "nam|nu")]
        gender: Option<String>,
        /// The day they joined (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        joined: Option<String>,
    },
}

pub fn commune(store: &mut Store, verb: CommuneVerb, out: &mut Out<'_>) -> Result<(), Failure> {
    let CommuneVerb::Set(a) = verb;
    let (province, kind, name) = match a.code {
        Some(code) => {
            let u = setup::unit(
                code,
                a.province.as_deref(),
                a.kind.as_deref(),
                a.name.as_deref(),
            )?;
            (
                u.province.to_string(),
                u.kind.code().to_string(),
                u.name.to_string(),
            )
        }
        None => (
            a.province.unwrap_or_default(),
            a.kind.unwrap_or_default(),
            a.name.unwrap_or_default(),
        ),
    };
    let input = CommuneInput {
        province,
        district_kind: a.district_kind.unwrap_or_default(),
        district: a.district.unwrap_or_default(),
        kind,
        name,
        code: a.code,
        chairman: a.chairman,
        vice_chairmen: a.vice_chairmen,
        place: a.place.unwrap_or_default(),
        preset: a.preset.unwrap_or_default(),
    };
    let set = setup::set_commune(store, &input)?;
    writeln!(
        out,
        "{}\t{}\t{}",
        set.commune.id,
        set.commune.full_name(),
        if set.created { "created" } else { "updated" }
    )?;
    Ok(())
}

/// `units TEXT`: the units of the official list the words find: code, kind, name,
/// province.
pub fn units(text: &str, out: &mut Out<'_>) -> Result<(), Failure> {
    let found = crate::domain::units::search(text, 50);
    if found.is_empty() {
        return Err(crate::office::Error::not_found(
            format!("Không có đơn vị nào trong danh mục khớp “{text}”"),
            format!("No unit of the list matches “{text}”"),
        )
        .into());
    }
    for u in found {
        writeln!(
            out,
            "{}	{}	{}	{}",
            u.code,
            u.kind.word(),
            u.full_name,
            u.province_full
        )?;
    }
    Ok(())
}

pub fn village(store: &mut Store, verb: VillageVerb, out: &mut Out<'_>) -> Result<(), Failure> {
    let VillageVerb::Add { kind, names } = verb;
    for v in setup::add_villages(store, &kind, &names)? {
        writeln!(out, "{}\t{}\t{}", v.id, v.kind.word(), v.name)?;
    }
    Ok(())
}

pub fn team(store: &mut Store, verb: TeamVerb, out: &mut Out<'_>) -> Result<(), Failure> {
    let TeamVerb::Add { village, .. } = verb;
    let (team, name) = setup::add_team(store, village.as_deref())?;
    writeln!(out, "{}\t{name}", team.id)?;
    Ok(())
}

pub fn member(store: &mut Store, verb: MemberVerb, out: &mut Out<'_>) -> Result<(), Failure> {
    let MemberVerb::Add {
        team,
        name,
        role,
        position,
        phone,
        gender,
        joined,
    } = verb;
    let row = setup::add_member(
        store,
        &MemberInput {
            team,
            name,
            role,
            position: position.unwrap_or_default(),
            phone: phone.unwrap_or_default(),
            gender: gender.unwrap_or_default(),
            joined: joined.unwrap_or_default(),
        },
    )?;
    writeln!(
        out,
        "{}\t{}\t{}",
        row.membership.id,
        row.person.display_name(),
        row.membership.role.label_vi()
    )?;
    Ok(())
}
