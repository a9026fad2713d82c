// "Copy" buttons: data-copy-from names the input whose value is copied; the button says data-copied for a moment.
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy-from]');
    if (!button || !navigator.clipboard) {
        return;
    }
    var source = document.getElementById(button.getAttribute('data-copy-from'));
    if (!source) {
        return;
    }
    navigator.clipboard.writeText(source.value).then(function () {
        var label = button.textContent;
        button.textContent = button.getAttribute('data-copied');
        setTimeout(function () { button.textContent = label; }, 2000);
    });
});
