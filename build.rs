//! Copies the example models the web app compiles in (`src/ui/examples.rs`) to `OUT_DIR` without
//! the whitespace between JSON tokens: the app parses them, so their layout is never shown, and
//! the smaller text makes a smaller app (about 2 KB once gzipped).

use std::error::Error;
use std::fs;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    let source = Path::new("public/examples");
    let target = Path::new(&std::env::var("OUT_DIR")?).join("examples");
    fs::create_dir_all(&target)?;
    println!("cargo::rerun-if-changed={}", source.display());
    for entry in fs::read_dir(source)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            println!("cargo::rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path)?;
            let name = path.file_name().ok_or("an example without a file name")?;
            fs::write(target.join(name), without_whitespace(&text))?;
        }
    }
    Ok(())
}

/// The JSON text without whitespace outside strings (strings, escapes included, are unchanged).
fn without_whitespace(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
            in_string = c == '"';
        }
    }
    out
}
