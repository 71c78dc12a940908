// Submits a form when one of its controls marked data-rhia-autosubmit changes (replaces inline
// onchange handlers, which the Content-Security-Policy forbids). The form keeps a <noscript>
// button for browsers without JavaScript.
document.addEventListener("change", (event) => {
  const control = event.target;
  if (control instanceof HTMLElement && control.matches("[data-rhia-autosubmit]") && control.form) {
    control.form.requestSubmit();
  }
});
