// Entity review: untick a false positive, or select a missed passage in the text to mask it.
(function () {
  "use strict";
  var root = document.querySelector("[data-rhia-pii-review]");
  if (!root) { return; }
  var textBox = document.getElementById("pii-text");
  var addButton = document.getElementById("pii-add-selection");
  var selectionBox = document.getElementById("pii-selection");
  var selectionText = document.getElementById("pii-selection-text");
  var spans = document.getElementById("pii-added-spans");
  var labelSelect = document.getElementById("pii-add-label");
  var pending = null;

  function offsetOf(node, offset) {
    // Offset in the original text of a (node, offset) position inside #pii-text.
    var element = node.nodeType === 3 ? node.parentElement : node;
    while (element && element !== textBox && !element.hasAttribute("data-start")) { element = element.parentElement; }
    if (!element || element === textBox) { return null; }
    var base = parseInt(element.getAttribute("data-start"), 10);
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var count = 0;
    while (walker.nextNode()) {
      var current = walker.currentNode;
      if (current.parentElement.classList.contains("fr-sr-only")) { continue; }
      if (current === node) { return base + count + offset; }
      count += current.length;
    }
    return base + Math.min(offset, count);
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !textBox.contains(selection.anchorNode) || !textBox.contains(selection.focusNode)) { return; }
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) { return; }
    pending = { start: start, end: end, text: selection.toString() };
    selectionText.textContent = pending.text;
    selectionBox.hidden = false;
    addButton.hidden = false;
  });

  addButton.addEventListener("click", function () {
    if (!pending) { return; }
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "add_span";
    input.value = pending.start + ":" + pending.end + ":" + labelSelect.value;
    spans.appendChild(input);
    var note = document.createElement("p");
    note.className = "fr-text--sm";
    note.textContent = "Ajouté : « " + pending.text + " » (" + labelSelect.options[labelSelect.selectedIndex].text + ")";
    spans.appendChild(note);
    pending = null;
    selectionBox.hidden = true;
    addButton.hidden = true;
  });

  root.querySelectorAll("input[name=remove]").forEach(function (box) {
    box.addEventListener("change", function () {
      var mark = textBox.querySelector('[data-key="' + box.value + '"]');
      if (mark) { mark.classList.toggle("rhia-pii--removed", box.checked); }
    });
  });
})();
