//! The indicator catalogue, baselines and targets, and the progress of a team or the
//! whole commune over a period, read from the monthly totals.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::activities::{ACTIVITIES, HOUSEHOLDS, PEOPLE};
use super::{Result, Store, StoreError};
use crate::domain::indicator::{self, Base, Indicator, Progress, sum_present};
use crate::domain::period::Period;
use crate::domain::team::Level;
use crate::domain::{Field, FieldError};

/// Whose figures: the whole commune (every team's activities) or one team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Commune(i64),
    Team(i64),
}

/// One indicator's line of a report or of the progress screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressLine {
    pub indicator: Indicator,
    pub progress: Progress,
}

/// Everything the progress screen and the reports need for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodFigures {
    pub lines: Vec<ProgressLine>,
    /// Activities, people reached and households reached in the period (missing when
    /// nothing was recorded).
    pub activities: Option<i64>,
    pub people: Option<i64>,
    pub households: Option<i64>,
}

impl Store {
    /// The catalogue; the seeds' indicators are added on first use.
    pub fn indicators(&mut self) -> Result<Vec<Indicator>> {
        let n: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM indicators", [], |r| r.get(0))?;
        if n == 0 {
            self.write(|tx| {
                // Checked again inside the transaction: another process may have seeded.
                let n: i64 = tx.query_row("SELECT count(*) FROM indicators", [], |r| r.get(0))?;
                if n > 0 {
                    return Ok(());
                }
                for (i, ind) in indicator::catalogue().iter().enumerate() {
                    tx.execute(
                        "INSERT INTO indicators (code, name, unit, base, default_target, source, position) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        params![
                            ind.code,
                            ind.name,
                            ind.unit,
                            ind.base.code(),
                            ind.default_target,
                            ind.source,
                            i as i64
                        ],
                    )?;
                }
                Ok(())
            })?;
        }
        self.indicator_list()
    }

    /// The catalogue as it is (no seeding: read-only callers).
    pub fn indicator_list(&self) -> Result<Vec<Indicator>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, code, name, unit, base, default_target, source FROM indicators \
             WHERE active = 1 ORDER BY position, id",
        )?;
        let rows = st.query_map([], |r| {
            let base: String = r.get(4)?;
            Ok(Indicator {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                base: Base::from_code(&base).unwrap_or(Base::None),
                default_target: r.get(5)?,
                source: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets (or with `None` clears) a baseline of the commune (`village` None) or a village.
    pub fn set_baseline(
        &mut self,
        commune_id: i64,
        village_id: Option<i64>,
        base: Base,
        value: Option<i64>,
    ) -> Result<()> {
        if value.is_some_and(|v| v < 0) {
            return Err(StoreError::invalid(FieldError::new(
                Field::Baseline,
                "không được âm",
                "cannot be negative",
            )));
        }
        self.write(|tx| {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO baselines (commune_id, village_id, base, value) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT DO UPDATE SET value = excluded.value",
                    params![commune_id, village_id.unwrap_or(0), base.code(), v],
                )?,
                None => tx.execute(
                    "DELETE FROM baselines WHERE commune_id = ?1 AND village_id = ?2 AND base = ?3",
                    params![commune_id, village_id.unwrap_or(0), base.code()],
                )?,
            };
            Ok(())
        })
    }

    /// The baselines entered for the commune (`village` None) or a village.
    pub fn baselines(
        &self,
        commune_id: i64,
        village_id: Option<i64>,
    ) -> Result<HashMap<Base, i64>> {
        let mut st = self.conn().prepare_cached(
            "SELECT base, value FROM baselines WHERE commune_id = ?1 AND village_id = ?2",
        )?;
        let rows = st.query_map(params![commune_id, village_id.unwrap_or(0)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (b, v) = row?;
            if let Some(b) = Base::from_code(&b) {
                out.insert(b, v);
            }
        }
        Ok(out)
    }

    /// Sets (or clears) the year's target of an indicator for the commune or a village.
    pub fn set_target(
        &mut self,
        commune_id: i64,
        village_id: Option<i64>,
        indicator_id: i64,
        year: i32,
        value: Option<f64>,
    ) -> Result<()> {
        if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err(StoreError::invalid(FieldError::new(
                Field::Target,
                "phải là số không âm",
                "must be a number from 0 up",
            )));
        }
        self.write(|tx| {
            match value {
                Some(v) => tx.execute(
                    "INSERT INTO targets (commune_id, village_id, indicator_id, year, value) \
                     VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET value = excluded.value, source = ''",
                    params![commune_id, village_id.unwrap_or(0), indicator_id, year, v],
                )?,
                None => tx.execute(
                    "DELETE FROM targets WHERE commune_id = ?1 AND village_id = ?2 \
                     AND indicator_id = ?3 AND year = ?4",
                    params![commune_id, village_id.unwrap_or(0), indicator_id, year],
                )?,
            };
            Ok(())
        })
    }

    /// The target entered for the year (commune: `village` None), if any.
    pub fn target_of(
        &self,
        commune_id: i64,
        village: Option<i64>,
        indicator_id: i64,
        year: i32,
    ) -> Result<Option<f64>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT value FROM targets WHERE commune_id = ?1 AND village_id = ?2 \
                 AND indicator_id = ?3 AND year = ?4",
            )?
            .query_row(
                params![commune_id, village.unwrap_or(0), indicator_id, year],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The baseline of a scope: a village team's village, or the commune's own figure,
    /// else the sum of its villages' (missing when none was entered).
    fn scope_base(&self, commune_id: i64, village: Option<i64>, base: Base) -> Result<Option<i64>> {
        if base == Base::None {
            return Ok(None);
        }
        if let Some(v) = village {
            return Ok(self.baselines(commune_id, Some(v))?.get(&base).copied());
        }
        if let Some(b) = self.baselines(commune_id, None)?.get(&base) {
            return Ok(Some(*b));
        }
        let mut st = self.conn().prepare_cached(
            "SELECT value FROM baselines WHERE commune_id = ?1 AND village_id <> 0 AND base = ?2",
        )?;
        let values: Vec<i64> = st
            .query_map(params![commune_id, base.code()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(sum_present(values.into_iter().map(Some)))
    }

    /// The figures of a scope for a period: each indicator's target, period count,
    /// cumulative count (from 1 January), baseline and share.
    pub fn period_figures(&self, scope: Scope, period: Period) -> Result<PeriodFigures> {
        let indicators = self.indicator_list()?;
        let (commune_id, teams, village) = match scope {
            Scope::Commune(c) => (c, None, None),
            Scope::Team(t) => {
                let team = self.team(t)?;
                let village = if team.level == Level::Village {
                    team.village_id
                } else {
                    None
                };
                (team.commune_id, Some(vec![t]), village)
            }
        };
        let keys = period.month_keys();
        let (first, last) = (keys[0].clone(), keys[keys.len() - 1].clone());
        let in_period = self.monthly_totals(commune_id, teams.as_deref(), &first, &last)?;
        let year_start = format!("{}-01", period.year());
        let to_date = self.monthly_totals(commune_id, teams.as_deref(), &year_start, &last)?;
        let get = |m: &HashMap<i64, (i64, i64)>, id: i64| {
            m.get(&id).filter(|(_, e)| *e > 0).map(|(t, _)| *t)
        };
        let mut lines = Vec::with_capacity(indicators.len());
        for ind in indicators {
            let target = match self.target_of(commune_id, village, ind.id, period.year())? {
                Some(t) => Some(t),
                None => ind.default_target,
            };
            let progress = Progress {
                target,
                period: get(&in_period, ind.id),
                cumulative: get(&to_date, ind.id),
                base: self.scope_base(commune_id, village, ind.base)?,
                has_base: ind.base != Base::None,
            };
            lines.push(ProgressLine {
                indicator: ind,
                progress,
            });
        }
        Ok(PeriodFigures {
            lines,
            activities: get(&in_period, ACTIVITIES),
            people: get(&in_period, PEOPLE),
            households: get(&in_period, HOUSEHOLDS),
        })
    }
}
