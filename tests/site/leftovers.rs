//! Copies of a briefing left beside it (`a.md.BAK`, `x.md.orig`, an
//! editor's swap or a merge tool's reject) and other leftovers are never
//! published, whatever their case, from `content/` or `static/`; the
//! ones that look like briefings are named in the build's summary.

use crate::common;

use common::{TestSite, fm, snapshot};

#[test]
fn copies_of_markdown_files_and_leftovers_in_any_case_are_never_published() {
    let site = TestSite::new();
    site.briefing("a", &fm("A", "2025-01-01", &[]), "Body.\n");
    let secret = "---\ntitle: Secret\ndate: 2025-01-02\ndraft: true\n---\nSecret text.\n";
    let briefing_copies = [
        "content/briefings/a.md.BAK",
        "content/briefings/f.md.Tmp",
        "content/briefings/d.md.orig",
        "content/briefings/c.md.backup",
        "content/briefings/i.md.kate-swp",
        "content/briefings/j.md.crswap",
        "content/briefings/k.md.sb-abc",
        "content/briefings/x.md.save",
        "content/briefings/backup.md.old",
        "content/briefings/rej.md.rej",
        "content/briefings/notes.MD.html",
        "content/briefings/long.markdown.v2",
        "content/briefings/2025/sub.md.20250101",
        "static/readme.md.bak",
    ];
    let other_leftovers = [
        "content/briefings/chart.png.ORIG",
        "content/briefings/lead.jpg.BAK",
        "content/briefings/data.csv.Temp",
        "content/briefings/map.svg.rej",
        "content/briefings/table.csv.sb-12ab-x",
        "content/briefings/photo.jpg.crswap",
        "content/briefings/~$report.docx",
        "static/style.css.Old",
        "static/logo.png.TMP",
        "static/THUMBS.DB",
    ];
    for rel in briefing_copies.iter().chain(&other_leftovers) {
        site.write(rel, secret);
    }
    site.write("content/briefings/chart.png", b"\x89PNG\r\n\x1a\n");
    site.write("static/logo.png", b"\x89PNG\r\n\x1a\n");
    let out = site.run_at_now("build", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let published = snapshot(&site.public());
    let names: Vec<String> = published
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(names.contains(&"briefings/chart.png".into()), "{names:?}");
    assert!(names.contains(&"logo.png".into()), "{names:?}");
    for (path, bytes) in &published {
        assert!(
            !String::from_utf8_lossy(bytes).contains("Secret text"),
            "{} holds the draft's text",
            path.display()
        );
    }
    for rel in briefing_copies.iter().chain(&other_leftovers) {
        // `content/x` and `static/x` are both published at `/x`.
        let (_, under) = rel.split_once('/').unwrap();
        assert!(!names.contains(&under.to_string()), "{rel} was published");
    }
    // The copies of briefings are named, once, in the summary line of
    // skipped files; other leftovers are skipped silently.
    let skipped: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("Skipped"))
        .collect();
    assert_eq!(skipped.len(), 1, "{stdout}");
    for rel in briefing_copies {
        assert_eq!(skipped[0].matches(rel).count(), 1, "{rel}: {stdout}");
    }
    for rel in other_leftovers {
        assert!(!skipped[0].contains(rel), "{rel}: {stdout}");
    }
}
