// A small rich-text editor: bold, italic, lists. The server sanitises whatever is posted.
(function () {
  "use strict";
  var editor = document.getElementById("editor");
  var field = document.getElementById("final_html");
  var form = document.getElementById("edit-form");
  if (!editor || !field || !form) { return; }
  document.querySelectorAll(".rhia-toolbar [data-command]").forEach(function (button) {
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      editor.focus();
      document.execCommand(button.getAttribute("data-command"), false, null);
    });
  });
  editor.addEventListener("paste", function (event) {
    event.preventDefault();
    var text = (event.clipboardData || window.clipboardData).getData("text/plain");
    document.execCommand("insertText", false, text);
  });
  form.addEventListener("submit", function () { field.value = editor.innerHTML; });
})();
