//! User Timing measures of the work a change sets off (load, graph index, layout, checks, path
//! view, autosave), read by `tests/e2e/measure-edit.mjs` for its breakdown. Off unless the page
//! sets `window.SECRETPATH_TIMINGS = true` before the app starts: measures would pile up in a
//! long session otherwise.

use leptos::prelude::window;

thread_local! {
    static ENABLED: bool = js_sys::Reflect::get(&window(), &"SECRETPATH_TIMINGS".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
}

/// Runs `work`; when timings are on, records how long it took as the measure
/// `secretpath:{name}`. Read what `work` depends on before calling this, so that a memo computed
/// on the way is not counted twice.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = ENABLED
        .with(|on| *on)
        .then(|| window().performance())
        .flatten();
    let Some(performance) = performance else {
        return work();
    };
    let start = format!("secretpath:{name}:start");
    let _ = performance.mark(&start);
    let out = work();
    let _ = performance.measure_with_start_mark(&format!("secretpath:{name}"), &start);
    performance.clear_marks_with_mark_name(&start);
    out
}
