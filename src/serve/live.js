// brief serve: reload on rebuild, show build errors as an overlay.
(function () {
  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(text) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:#141518;color:#ffe3df;padding:2rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
    var title = document.createElement("p");
    title.textContent = "brief: the last save broke the build; still showing the last good version.";
    // Explicit colours on every element: the page's own CSS (a light `pre`
    // background, say) must not show through.
    title.style.cssText = "font-weight:bold;color:#fff;background:transparent;margin:0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText = "white-space:pre-wrap;margin:0;padding:0;border:0;" +
      "background:transparent;color:#ffe3df;font:inherit";
    overlay.appendChild(title);
    overlay.appendChild(pre);
    document.body.appendChild(overlay);
  }
  var source = new EventSource("/__brief/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("ok", hide);
  source.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
})();
