/*
 * The article form's writing screen (the form works without it).
 *
 * The body textarea (data-preview-url) gets a toolbar with the word count and reading
 * time and a choice of where the live preview goes: beside the body, below it, or
 * hidden (remembered in localStorage). Each pause in typing, in the body, the headline,
 * the standfirst or a picture row, posts them (with the form's CSRF token) to the
 * admin's preview endpoint (articles/admin/body_preview.py), which answers with the
 * body as readers would get it (rendered and sanitised there, so safe to place in the
 * page), the counts and the length advice: the rules live on the server, this only
 * shows them. The headline and standfirst show that advice under them, and a search
 * result and a shared-link card show how the story will look. Ctrl+S (Cmd+S) presses
 * "Save and continue editing", so the form is submitted as ever, its stale-edit check
 * (opened_version) included.
 */
(function () {
  "use strict";

  var DELAY_MS = 300;
  var LAYOUT_KEY = "newsroom.writing.preview";
  var LAYOUTS = [
    ["beside", "Preview beside"],
    ["below", "Preview below"],
    ["hidden", "Hide preview"],
  ];

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // Adds `note` to what describes `input`, keeping its help text.
  function describeWith(input, note) {
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
  }

  function storedLayout() {
    try {
      var layout = window.localStorage.getItem(LAYOUT_KEY);
      return LAYOUTS.some(function (pair) { return pair[0] === layout; }) ? layout : "below";
    } catch (error) {
      return "below";
    }
  }

  function storeLayout(layout) {
    try {
      window.localStorage.setItem(LAYOUT_KEY, layout);
    } catch (error) {
      // Private windows may refuse storage: the choice lasts for this page only.
    }
  }

  function field(form, name) {
    return form.querySelector("[name='" + name + "']");
  }

  function cut(text, limit) {
    var characters = Array.from(text.trim());
    return characters.length > limit ? characters.slice(0, limit).join("").trimEnd() + "…" : text.trim();
  }

  // The picture rows as the form holds them now, saved or not.
  function pictureRows(form) {
    var rows = [];
    form.querySelectorAll("[name^='pictures-'][name$='-position']").forEach(function (input) {
      var prefix = input.name.slice(0, -"position".length);
      if (prefix.indexOf("__prefix__") !== -1) {
        return;
      }
      function value(name) {
        var control = field(form, prefix + name);
        return control ? control.value : "";
      }
      function ticked(name) {
        var control = field(form, prefix + name);
        return Boolean(control && control.checked);
      }
      rows.push({
        id: value("id"),
        position: input.value,
        caption: value("caption"),
        credit: value("credit"),
        alt: value("alt_text"),
        featured: ticked("is_featured"),
        deleted: ticked("DELETE"),
      });
    });
    return rows;
  }

  // The stored file of the featured picture, as its row's "Currently" link gives it.
  function leadPictureUrl(form) {
    var featured = Array.from(
      form.querySelectorAll("[name^='pictures-'][name$='-is_featured']")
    ).find(function (box) { return box.checked; });
    var row = featured && featured.closest(".inline-related");
    var link = row && row.querySelector(".field-file a[href]");
    return link ? link.getAttribute("href") : "";
  }

  function attach(textarea) {
    var form = textarea.form;
    var title = field(form, "title");
    var standfirst = field(form, "standfirst");
    var slug = field(form, "slug");
    var siteName = textarea.dataset.siteName || "";
    var titleChars = Number(textarea.dataset.titleChars) || 60;
    var descriptionChars = Number(textarea.dataset.descriptionChars) || 160;

    // The desk: toolbar, then the body and its preview side by side or one above the other.
    var desk = element("div", "writing-desk");
    var toolbar = element("div", "writing-toolbar");
    // Not a live region: read out at every pause in typing, it would talk over the writer.
    var count = element("p", "writing-count", "Counting words…");
    count.id = textarea.id + "_count";
    describeWith(textarea, count);
    var choices = element("div", "writing-layouts");
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", "Where the preview goes");
    var shortcut = element("p", "writing-shortcut");
    shortcut.append("Save and keep writing: ");
    shortcut.append(element("kbd", "", "Ctrl+S"), " or ", element("kbd", "", "⌘S"));
    toolbar.append(count, choices, shortcut);

    var panes = element("div", "writing-panes");
    var box = element("section", "body-preview");
    box.setAttribute("aria-label", "Preview of the body");
    var heading = element("p", "body-preview-heading", "Preview");
    var status = element("p", "body-preview-status");
    status.setAttribute("role", "status");
    var content = element("div", "body-preview-content");
    box.append(heading, status, content);
    textarea.before(desk);
    panes.append(textarea, box);
    desk.append(toolbar, panes);

    var buttons = LAYOUTS.map(function (pair) {
      var button = element("button", "writing-layout", pair[1]);
      button.type = "button";
      button.dataset.layout = pair[0];
      button.addEventListener("click", function () {
        setLayout(pair[0]);
        storeLayout(pair[0]);
      });
      choices.append(button);
      return button;
    });

    function setLayout(layout) {
      desk.dataset.layout = layout;
      box.hidden = layout === "hidden";
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.layout === layout));
      });
    }
    setLayout(storedLayout());

    // Length advice under the headline and the standfirst.
    function adviceFor(input) {
      if (!input) {
        return null;
      }
      // Read with the field when it is focused (its help text stays described too).
      var advice = element("p", "length-advice");
      advice.id = input.id + "_advice";
      describeWith(input, advice);
      input.after(advice);
      return advice;
    }
    var titleAdvice = adviceFor(title);
    var standfirstAdvice = adviceFor(standfirst);

    function showAdvice(node, advice) {
      if (!node) {
        return;
      }
      node.dataset.level = advice.level;
      node.textContent = advice.length + " of about " + advice.limit + " characters. " + advice.message;
    }

    // How the story looks in search results and when shared.
    var shared = element("section", "share-previews");
    shared.setAttribute("aria-label", "How the story looks in search results and when shared");
    var search = element("div", "search-result");
    var searchLabel = element("p", "share-previews-label", "In search results");
    var searchAddress = element("p", "search-result-address");
    var searchTitle = element("p", "search-result-title");
    var searchText = element("p", "search-result-text");
    search.append(searchLabel, searchAddress, searchTitle, searchText);
    var card = element("div", "social-card");
    var cardLabel = element("p", "share-previews-label", "Shared on social media");
    var cardPicture = element("div", "social-card-picture");
    var cardSite = element("p", "social-card-site", siteName);
    var cardTitle = element("p", "social-card-title");
    var cardText = element("p", "social-card-text");
    card.append(cardLabel, cardPicture, cardSite, cardTitle, cardText);
    shared.append(search, card);
    var standfirstRow = standfirst && standfirst.closest(".form-row");
    if (standfirstRow) {
      standfirstRow.after(shared);
    }

    function showShared() {
      var headline = title ? title.value.trim() : "";
      var summary = standfirst ? standfirst.value.trim() : "";
      var address = (textarea.dataset.address || "").replace("SLUG", (slug && slug.value) || "…");
      searchAddress.textContent = address;
      searchTitle.textContent = cut((headline || "(no headline)") + " – " + siteName, titleChars);
      searchText.textContent = summary ? cut(summary, descriptionChars) : "(no standfirst: search engines will pick words from the story)";
      cardTitle.textContent = headline || "(no headline)";
      cardText.textContent = cut(summary, descriptionChars);
      var picture = leadPictureUrl(form);
      var current = cardPicture.querySelector("img");
      if (picture && (!current || current.getAttribute("src") !== picture)) {
        var img = element("img");
        img.alt = "The lead picture";
        img.src = picture;
        cardPicture.replaceChildren(img);
      } else if (!picture) {
        cardPicture.replaceChildren(
          element("p", "social-card-no-picture", "No lead picture: tick “featured” on a saved picture.")
        );
      }
    }

    var timer = null;
    var inFlight = null;

    function refresh() {
      if (inFlight) {
        inFlight.abort();
      }
      var controller = new AbortController();
      inFlight = controller;
      var data = new FormData();
      data.append("body", textarea.value);
      data.append("article", textarea.dataset.article || "");
      data.append("title", title ? title.value : "");
      data.append("standfirst", standfirst ? standfirst.value : "");
      data.append("pictures", JSON.stringify(pictureRows(form)));
      fetch(textarea.dataset.previewUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) },
        signal: controller.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("the server said " + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          content.innerHTML = answer.html;
          count.textContent = answer.reading_time;
          showAdvice(titleAdvice, answer.headline);
          showAdvice(standfirstAdvice, answer.standfirst);
          status.textContent = "";
          desk.dataset.fresh = "true";
        })
        .catch(function (error) {
          if (error.name !== "AbortError") {
            status.textContent = "Preview unavailable: " + error.message + ".";
          }
        })
        .finally(function () {
          if (inFlight === controller) {
            inFlight = null;
          }
        });
    }

    function later() {
      delete desk.dataset.fresh;
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    }

    [textarea, title, standfirst].forEach(function (input) {
      if (input) {
        input.addEventListener("input", later);
      }
    });
    [title, standfirst, slug].forEach(function (input) {
      if (input) {
        input.addEventListener("input", showShared);
      }
    });
    var pictures = document.getElementById("pictures-group");
    if (pictures) {
      pictures.addEventListener("input", later);
      pictures.addEventListener("change", function () {
        later();
        showShared();
      });
    }
    document.addEventListener("formset:added", later);
    document.addEventListener("formset:removed", later);

    // Leaving the page ends a preview request; stop it first, so it fails quietly.
    form.addEventListener("submit", function () {
      clearTimeout(timer);
      if (inFlight) {
        inFlight.abort();
      }
    });

    showShared();
    refresh();
  }

  // Ctrl+S or Cmd+S: "Save and continue editing", through the form's own button.
  function saveOnShortcut(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== "s") {
      return;
    }
    var button = document.querySelector("#article_form input[name=_continue]");
    if (!button) {
      return;
    }
    event.preventDefault();
    button.form.requestSubmit(button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-preview-url]").forEach(attach);
    document.addEventListener("keydown", saveOnShortcut);
  });
})();
