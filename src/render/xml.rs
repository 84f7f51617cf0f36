//! Writing XML events into memory with quick-xml: the sitemap, OPML and
//! Atom documents are built in a buffer and written out whole.

use quick_xml::Writer;
use quick_xml::events::Event;

/// Writes `event` to a document built in memory (a `Vec<u8>`, owned or
/// borrowed), where writing cannot fail.
pub(super) fn write<W: std::io::Write>(w: &mut Writer<W>, event: Event<'_>) {
    w.write_event(event).expect("writing to a Vec cannot fail");
}
