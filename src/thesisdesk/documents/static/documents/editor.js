// ThesisDesk rich-text editor: progressive enhancement of <textarea data-rich-text>.
// The textarea keeps the HTML (the server sanitizes it); the editable area mirrors it.
(function () {
  "use strict";
  var BUTTONS = [
    { command: "bold", label: "B", title: "Bold" },
    { command: "italic", label: "I", title: "Italic" },
    { command: "insertUnorderedList", label: "•", title: "Bulleted list" },
    { command: "insertOrderedList", label: "1.", title: "Numbered list" },
    { command: "createLink", label: "🔗", title: "Link" },
    { command: "unlink", label: "⛓", title: "Remove link" }
  ];

  function enhance(textarea) {
    if (textarea.dataset.richTextReady) { return; }
    textarea.dataset.richTextReady = "1";
    var wrapper = document.createElement("div");
    wrapper.className = "rich-text-editor";
    var toolbar = document.createElement("div");
    toolbar.className = "rich-text-toolbar";
    toolbar.setAttribute("role", "toolbar");
    var area = document.createElement("div");
    area.className = "rich-text-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (textarea.id) {
      var label = document.querySelector('label[for="' + textarea.id + '"]');
      if (label) { area.setAttribute("aria-label", label.textContent.trim()); }
    }
    area.innerHTML = textarea.value;

    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec.label;
      button.title = spec.title;
      button.setAttribute("aria-label", spec.title);
      button.addEventListener("click", function () {
        area.focus();
        var value = null;
        if (spec.command === "createLink") {
          value = window.prompt("URL", "https://");
          if (!value || !/^(https?:|mailto:)/i.test(value)) { return; }
        }
        document.execCommand(spec.command, false, value);
        sync();
      });
      toolbar.appendChild(button);
    });

    function sync() { textarea.value = area.innerHTML; }
    area.addEventListener("input", sync);
    area.addEventListener("blur", sync);
    if (textarea.form) { textarea.form.addEventListener("submit", sync); }

    textarea.hidden = true;
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    wrapper.appendChild(textarea);
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(); });
  } else { enhanceAll(); }
  document.addEventListener("htmx:afterSwap", function (event) { enhanceAll(event.target); });
})();
