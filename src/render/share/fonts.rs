//! The fonts cards are drawn with: Noto Serif Bold and Noto Sans Regular,
//! bundled (SIL Open Font License, `assets/fonts/noto/`), the files a site
//! names in `[cards] fonts`, and the system's fonts as fallbacks for the
//! scripts the bundled ones lack (CJK, Arabic, emoji…).
//!
//! Two steps, because most builds need only the first: [`FontSources`]
//! lists the files and says who they are (a hash of their paths, sizes
//! and times, cheap enough for every build), and [`FontSources::load`]
//! reads them all, only when a card has to be drawn.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use resvg::usvg::fontdb::{self, Database, ID};

use super::script;
use crate::config::Config;
use crate::error::Diagnostic;

/// The family headlines and the site's name are set in.
pub const SERIF: &str = "Noto Serif";
/// The family of the date and the tags.
pub const SANS: &str = "Noto Sans";

/// The bundled fonts: the theme's serif and sans, from Debian's
/// fonts-noto-core (Noto 2.004, unmodified).
const BUNDLED: &[(&str, &[u8])] = &[
    (
        "NotoSerif-Bold.ttf",
        include_bytes!("../../../assets/fonts/noto/NotoSerif-Bold.ttf"),
    ),
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../../assets/fonts/noto/NotoSans-Regular.ttf"),
    ),
];

/// Where the system keeps fonts, per platform.
fn system_dirs() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "windows") {
        let root = std::env::var_os("SYSTEMROOT")
            .map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from);
        dirs.push(root.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.extend(["/Library/Fonts", "/System/Library/Fonts"].map(PathBuf::from));
        dirs.extend(home.map(|h| h.join("Library/Fonts")));
    } else {
        dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        match std::env::var_os("XDG_DATA_HOME") {
            Some(data) => dirs.push(PathBuf::from(data).join("fonts")),
            None => dirs.extend(home.as_ref().map(|h| h.join(".local/share/fonts"))),
        }
        dirs.extend(home.map(|h| h.join(".fonts")));
    }
    dirs
}

/// Whether a file name looks like a font fontdb reads.
fn is_font(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// The font files cards may use, and who they are.
#[derive(Debug, Clone)]
pub struct FontSources {
    /// The site's own fonts (`[cards] fonts`), absolute.
    site: Vec<PathBuf>,
    /// The system's font files, sorted.
    system: Vec<PathBuf>,
    /// A hash of every file's name, size and time, and of the bundled
    /// fonts: what a card's look depends on besides its SVG text.
    identity: u64,
    /// The site's language, which picks among CJK fallbacks.
    language: String,
}

/// One face in the database, as the fallback choice ranks it.
#[derive(Debug, Clone)]
struct Face {
    id: ID,
    site: bool,
    family: String,
    name: String,
    weight: u16,
    style: fontdb::Style,
}

/// A stretch of text set in one font.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Run {
    /// The text.
    pub text: String,
    /// The font's family name.
    pub family: String,
}

/// What a fallback is chosen for: a character, whether it is an emoji,
/// and the font that lacks it.
type Wanted = (char, bool, Option<ID>);

/// Every font, read: what cards are measured and drawn with.
pub struct Fonts {
    db: Arc<Database>,
    faces: Vec<Face>,
    language: String,
    /// Fallback choices made so far: by character, whether it is an
    /// emoji, and the primary font.
    chosen: Mutex<HashMap<Wanted, Option<ID>>>,
}

impl FontSources {
    /// Lists the fonts of the site built with `config`: the bundled ones,
    /// `[cards] fonts` (each a regular file, as reading site.toml checked,
    /// and a font: the error names it and says what to do) and the
    /// system's.
    pub fn scan(config: &Config) -> Result<FontSources, Diagnostic> {
        let mut h = crate::util::fingerprinter();
        for (name, bytes) in BUNDLED {
            (name, crate::util::content_hash(bytes)).hash(&mut h);
        }
        let mut site = Vec::new();
        for rel in &config.cards.fonts {
            let path = config.root.join(rel);
            let shown = rel.display();
            // site.toml's check made sure each is a regular file (reading a
            // device or a named pipe would never end).
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::error(crate::config::CONFIG_FILE, format!("[cards] fonts: cannot read {shown}: {e}"))
                    .with_hint("give the path of a .ttf, .otf or .ttc file relative to the site root, or remove it from the list")
            })?;
            let mut db = Database::new();
            db.load_font_data(bytes.clone());
            if db.is_empty() {
                return Err(Diagnostic::error(
                    rel,
                    format!("[cards] fonts: {shown} is not a font brief can read"),
                )
                .with_hint("use a TrueType or OpenType font (.ttf, .otf, or a .ttc collection)"));
            }
            (rel, crate::util::content_hash(&bytes)).hash(&mut h);
            site.push(path);
        }
        let mut system = Vec::new();
        for dir in system_dirs() {
            let files = walkdir::WalkDir::new(&dir)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file() && is_font(e.path()));
            for e in files {
                let meta = e.metadata().ok();
                let stamp = meta.map(|m| (m.len(), m.modified().ok()));
                (e.path(), stamp).hash(&mut h);
                system.push(e.into_path());
            }
        }
        Ok(FontSources {
            site,
            system,
            identity: h.finish(),
            language: config.language.clone(),
        })
    }

    /// A hash of every font a card may be drawn with.
    pub fn identity(&self) -> u64 {
        self.identity
    }

    /// Reads every font: the site's first (they win a family name), then
    /// the bundled ones, then the system's.
    pub fn load(&self) -> Fonts {
        let mut db = Database::new();
        let mut site_ids = Vec::new();
        for path in &self.site {
            if let Ok(bytes) = std::fs::read(path) {
                site_ids.extend(db.load_font_source(fontdb::Source::Binary(Arc::new(bytes))));
            }
        }
        for (_, bytes) in BUNDLED {
            db.load_font_source(fontdb::Source::Binary(Arc::new(*bytes)));
        }
        for path in &self.system {
            let _ = db.load_font_file(path);
        }
        let ids: Vec<ID> = db.faces().map(|f| f.id).collect();
        for id in ids {
            // Keeps each file mapped, instead of mapping it on every read.
            // SAFETY: fontdb's requirement: the file must not change while
            // mapped. A font changed during a build draws what it draws;
            // the next build sees a new identity and draws again.
            unsafe {
                db.make_shared_face_data(id);
            }
        }
        let mut faces: Vec<Face> = db
            .faces()
            .map(|f| Face {
                id: f.id,
                site: site_ids.contains(&f.id),
                family: f
                    .families
                    .first()
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default(),
                name: f.post_script_name.clone(),
                weight: f.weight.0,
                style: f.style,
            })
            .collect();
        faces.sort_by(|a, b| (!a.site, &a.family, &a.name).cmp(&(!b.site, &b.family, &b.name)));
        Fonts {
            db: Arc::new(db),
            faces,
            language: self.language.clone(),
            chosen: Mutex::default(),
        }
    }
}

/// The CJK variant a language writes in, as Noto CJK names its families.
fn cjk_variant(language: &str) -> &'static str {
    let lower = language.to_ascii_lowercase();
    if lower.starts_with("ko") {
        " KR"
    } else if lower.starts_with("zh") {
        if ["tw", "hant", "mo"].iter().any(|t| lower.contains(t)) {
            " TC"
        } else if lower.contains("hk") {
            " HK"
        } else {
            " SC"
        }
    } else {
        " JP"
    }
}

impl Fonts {
    /// The options usvg measures and draws with: these fonts, no fallback
    /// of usvg's own (see [`Fonts::runs`]), and no external files.
    pub fn options(&self) -> resvg::usvg::Options<'static> {
        resvg::usvg::Options {
            fontdb: Arc::clone(&self.db),
            font_family: SERIF.into(),
            font_resolver: resvg::usvg::FontResolver {
                select_font: resvg::usvg::FontResolver::default_font_selector(),
                select_fallback: Box::new(|_, _, _| None),
            },
            image_href_resolver: resvg::usvg::ImageHrefResolver {
                resolve_data: resvg::usvg::ImageHrefResolver::default_data_resolver(),
                // A card shows what its SVG text says, and its cache key
                // is that text: no file it would name is part of it.
                resolve_string: Box::new(|_, _| None),
            },
            ..resvg::usvg::Options::default()
        }
    }

    /// `text` split into runs, each in one font: `family` at `weight`
    /// where that font has the characters, else the font that has them.
    /// A run goes on in its font while that font has the next character,
    /// so that spaces and digits stay inside an Arabic or CJK run.
    ///
    /// Each run becomes a `<text>` of its own, and usvg's own fallback is
    /// off: usvg shapes a whole text with the first font that has every
    /// character (a CJK font has Latin too, and would set the whole
    /// headline), and where fonts cluster characters differently (an
    /// emoji with a skin tone, an Arabic ligature) its merging of fonts in
    /// one text drops glyphs or panics. The choice of font is then in the
    /// SVG text, which the card's cache key hashes.
    pub fn runs(&self, family: &str, weight: u16, text: &str) -> Vec<Run> {
        let primary = self.db.query(&fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            weight: fontdb::Weight(weight),
            ..fontdb::Query::default()
        });
        let mut runs: Vec<(Option<ID>, String)> = Vec::new();
        for cluster in script::clusters(text) {
            let base = cluster.chars().next().unwrap_or(' ');
            let emoji = script::emoji(cluster);
            let open = runs.last().and_then(|(id, _)| *id);
            let has = |id: Option<ID>| id.is_some_and(|id| has_char(&self.db, id, base));
            let face = if script::ignorable(base) {
                open.or(primary)
            } else if !emoji && has(open) {
                open
            } else if !emoji && has(primary) {
                primary
            } else {
                self.choose(base, emoji, primary).or(primary)
            };
            match runs.last_mut() {
                Some((id, text)) if *id == face => text.push_str(cluster),
                _ => runs.push((face, cluster.to_string())),
            }
        }
        runs.into_iter()
            .map(|(id, text)| Run {
                family: match id.filter(|id| Some(*id) != primary) {
                    Some(id) => self
                        .faces
                        .iter()
                        .find(|f| f.id == id)
                        .map_or_else(|| family.to_string(), |f| f.family.clone()),
                    None => family.to_string(),
                },
                text,
            })
            .collect()
    }

    /// The font for `c`, which the primary font lacks (or, for an emoji,
    /// would draw as text), remembered for the next time.
    fn choose(&self, c: char, emoji: bool, primary: Option<ID>) -> Option<ID> {
        let key = (c, emoji, primary);
        if let Some(id) = self.chosen.lock().ok().and_then(|m| m.get(&key).copied()) {
            return id;
        }
        let id = fallback(&self.faces, &self.language, c, emoji, primary, &self.db);
        if let Ok(mut m) = self.chosen.lock() {
            m.insert(key, id);
        }
        id
    }
}

/// The font for a character the primary font lacks, the same on every
/// machine with the same fonts (fontdb's own choice is the first face in
/// the order the folders were read): the site's fonts first; for an
/// emoji a colour emoji font; then the same style, the nearest weight, the
/// primary's family (`Noto Serif` → `Noto Serif CJK JP`) or the first
/// word of its name (`Noto`), the site language's CJK variant, then by
/// name.
fn fallback(
    faces: &[Face],
    language: &str,
    c: char,
    emoji: bool,
    primary: Option<ID>,
    db: &Database,
) -> Option<ID> {
    let base = primary.and_then(|id| faces.iter().find(|f| f.id == id));
    let (style, weight, family) = match base {
        Some(b) => (b.style, b.weight, b.family.as_str()),
        None => (fontdb::Style::Normal, 400, ""),
    };
    let first_word = family.split_whitespace().next().unwrap_or("");
    let variant = cjk_variant(language);
    faces
        .iter()
        .enumerate()
        .filter(|(_, f)| Some(f.id) != primary && has_char(db, f.id, c))
        .min_by_key(|(order, f)| {
            let kin = if !family.is_empty() && f.family.starts_with(family) {
                0
            } else if !first_word.is_empty() && f.family.starts_with(first_word) {
                1
            } else {
                2
            };
            (
                !f.site,
                emoji && !f.family.contains("Emoji"),
                f.style != style,
                f.weight.abs_diff(weight),
                kin,
                !f.family.ends_with(variant),
                *order,
            )
        })
        .map(|(_, f)| f.id)
}

/// Whether face `id` has a glyph for `c`.
fn has_char(db: &Database, id: ID, c: char) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index)
            .ok()
            .and_then(|face| face.glyph_index(c))
            .is_some()
    })
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_variants_follow_the_language() {
        assert_eq!(cjk_variant("ja"), " JP");
        assert_eq!(cjk_variant("en"), " JP");
        assert_eq!(cjk_variant("ko-KR"), " KR");
        assert_eq!(cjk_variant("zh-TW"), " TC");
        assert_eq!(cjk_variant("zh-Hant"), " TC");
        assert_eq!(cjk_variant("zh-HK"), " HK");
        assert_eq!(cjk_variant("zh"), " SC");
    }

    #[test]
    fn the_bundled_fonts_load() {
        let mut db = Database::new();
        for (_, bytes) in BUNDLED {
            db.load_font_source(fontdb::Source::Binary(Arc::new(*bytes)));
        }
        let families: Vec<String> = db.faces().map(|f| f.families[0].0.clone()).collect();
        assert_eq!(families, [SERIF, SANS]);
    }
}
