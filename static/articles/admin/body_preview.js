/*
 * Live preview of an article's body in the admin.
 *
 * A textarea with data-preview-url gets a preview box below it. Typing pauses for
 * DELAY_MS, then the body is POSTed (with the form's CSRF token) to the admin's
 * preview endpoint, which answers with the HTML readers would get: rendered by
 * articles.rendering and sanitised there, so it is safe to place in the page.
 */
(function () {
  "use strict";

  var DELAY_MS = 400;

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(textarea) {
    var box = document.createElement("section");
    box.className = "body-preview";
    box.setAttribute("aria-label", "Preview of the body");
    var heading = document.createElement("p");
    heading.className = "body-preview-heading";
    heading.textContent = "Preview";
    var status = document.createElement("p");
    status.className = "body-preview-status";
    status.setAttribute("role", "status");
    var content = document.createElement("div");
    content.className = "body-preview-content";
    box.append(heading, status, content);
    textarea.after(box);

    var timer = null;
    var inFlight = null;

    function refresh() {
      if (inFlight) {
        inFlight.abort();
      }
      inFlight = new AbortController();
      var data = new FormData();
      data.append("body", textarea.value);
      data.append("article", textarea.dataset.article || "");
      fetch(textarea.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form) },
        signal: inFlight.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("the server said " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          content.innerHTML = html;
          status.textContent = "";
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            status.textContent = "Preview unavailable: " + error.message + ".";
          }
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-preview-url]").forEach(attach);
  });
})();
