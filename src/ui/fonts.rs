//! Fonts for the scripts news is written in beyond Latin, Greek and Cyrillic (which egui's own fonts
//! cover): Arabic and Persian, Hebrew, Devanagari, Bengali, Thai, Georgian, Armenian, and Chinese, Japanese
//! and Korean. They are taken from the system (Debian's `fonts-noto-core` and `fonts-noto-cjk`, which
//! `./dev.sh run` installs) rather than shipped, as the CJK set alone is some 20 MB.
//!
//! egui 0.37 shapes the text once it has the glyphs: Arabic and Persian letters join and right-to-left
//! runs read in their order, Devanagari forms its conjuncts (seen in a real window). Without these fonts
//! such text shows as empty boxes.

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
use std::path::Path;

/// Font files tried for each script, first found wins.
const SCRIPT_FONTS: &[(&str, &[&str])] = &[
    ("Arabic", &["truetype/noto/NotoSansArabic-Regular.ttf", "truetype/noto/NotoNaskhArabic-Regular.ttf"]),
    ("Hebrew", &["truetype/noto/NotoSansHebrew-Regular.ttf"]),
    ("Devanagari", &["truetype/noto/NotoSansDevanagari-Regular.ttf"]),
    ("Bengali", &["truetype/noto/NotoSansBengali-Regular.ttf"]),
    ("Thai", &["truetype/noto/NotoSansThai-Regular.ttf"]),
    ("Georgian", &["truetype/noto/NotoSansGeorgian-Regular.ttf"]),
    ("Armenian", &["truetype/noto/NotoSansArmenian-Regular.ttf"]),
    ("CJK", &["opentype/noto/NotoSansCJK-Regular.ttc", "truetype/noto/NotoSansCJK-Regular.ttc"]),
];

/// Where Debian keeps fonts.
const FONT_ROOT: &str = "/usr/share/fonts";

/// Adds every script font found under `root` as a fallback of egui's fonts; returns the scripts added.
pub fn add_script_fonts(ctx: &egui::Context, root: &Path) -> Vec<&'static str> {
    let mut added = Vec::new();
    for (script, files) in SCRIPT_FONTS {
        let Some(bytes) = files.iter().find_map(|file| std::fs::read(root.join(file)).ok()) else { continue };
        let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
            .to_vec();
        ctx.add_font(FontInsert::new(&format!("noto-{script}"), FontData::from_owned(bytes), families));
        added.push(*script);
    }
    added
}

/// Adds the system's script fonts, where installed.
pub fn add_system_script_fonts(ctx: &egui::Context) -> Vec<&'static str> {
    add_script_fonts(ctx, Path::new(FONT_ROOT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_fonts_are_added_where_found_and_skipped_where_not() {
        let ctx = egui::Context::default();
        let empty = tempfile::tempdir().unwrap();
        assert!(add_script_fonts(&ctx, empty.path()).is_empty());
        // egui's own font file stands in for an installed Hebrew font.
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("truetype/noto")).unwrap();
        std::fs::write(
            root.path().join("truetype/noto/NotoSansHebrew-Regular.ttf"),
            epaint_default_fonts::UBUNTU_LIGHT,
        )
        .unwrap();
        assert_eq!(add_script_fonts(&ctx, root.path()), ["Hebrew"]);
    }
}
