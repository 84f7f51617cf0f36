//! Files kept in memory, for tests and the development server.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use super::{Sink, checked};
use crate::error::BuildError;

/// Files kept in memory (for tests and the development server). Contents
/// are shared, so a rebuild can start from the previous files cheaply.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Arc<[u8]>>>,
    written: Mutex<HashSet<String>>,
}

impl Memory {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts from an earlier set of files (which writes then replace).
    pub fn from_files(files: HashMap<String, Arc<[u8]>>) -> Self {
        Memory {
            files: Mutex::new(files),
            written: Mutex::default(),
        }
    }

    /// The paths written since this memory was made.
    pub fn written(&self) -> HashSet<String> {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Takes the files out.
    pub fn into_files(self) -> HashMap<String, Arc<[u8]>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        checked(path)?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), Arc::from(bytes));
        Ok(())
    }
}
