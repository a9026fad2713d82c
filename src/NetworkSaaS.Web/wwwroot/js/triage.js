// Bulk triage and the "to review" queue: everything here also works as plain forms without this script.
(function () {
    'use strict';

    // Bulk form: "tick every contact on this page", and only the inputs of the chosen change are shown.
    var bulk = document.getElementById('bulk-form');
    if (bulk) {
        var pageBox = document.getElementById('bulk-select-page');
        if (pageBox) {
            pageBox.addEventListener('change', function () {
                document.querySelectorAll('input[name="Ids"][form="bulk-form"]').forEach(function (box) { box.checked = pageBox.checked; });
            });
        }
        var action = document.getElementById('bulk-action');
        var showChosen = function () {
            bulk.querySelectorAll('[data-bulk-for]').forEach(function (part) { part.hidden = part.getAttribute('data-bulk-for') !== action.value; });
        };
        action.addEventListener('change', showChosen);
        showChosen();
    }

    // Review queue: j/k move, 1-5 set the depth, p/d/s set the visibility (which takes the row out of the queue) and move on.
    var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-review-row]'));
    if (rows.length === 0) {
        return;
    }

    var current = 0;
    var select = function (index) {
        current = Math.max(0, Math.min(rows.length - 1, index));
        rows.forEach(function (row, i) { row.classList.toggle('table-active', i === current); row.setAttribute('aria-selected', i === current ? 'true' : 'false'); });
        rows[current].focus();
    };
    var summary = document.getElementById('review-summary');

    // One request at a time, in the order of the keys: "4" then "d" on a row must not race.
    var queue = Promise.resolve();
    var send = function (row, button) {
        queue = queue.then(function () { return post(row, button); });
    };
    var post = function (row, button) {
        var form = row.querySelector('form[data-review-form]');
        var data = new FormData(form);
        data.append(button.name, button.value);
        row.setAttribute('aria-busy', 'true');
        return fetch(form.action, { method: 'POST', body: data, headers: { 'X-Requested-With': 'fetch' }, credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            })
            .then(function (result) {
                row.querySelector('[data-review-depth]').textContent = result.stars;
                row.querySelector('[data-review-depth]').title = result.depthLabel;
                row.querySelector('[data-review-visibility]').textContent = result.visibilityLabel;
                if (result.reviewed && !row.hasAttribute('data-reviewed')) {
                    row.setAttribute('data-reviewed', result.visibility);
                    row.classList.add('text-muted');
                    if (summary) {
                        var left = Math.max(0, parseInt(summary.getAttribute('data-total'), 10) - 1);
                        summary.setAttribute('data-total', String(left));
                    }
                }
                row.removeAttribute('aria-busy');
            })
            .catch(function () { row.removeAttribute('aria-busy'); form.requestSubmit(button); });
    };

    rows.forEach(function (row, i) {
        row.addEventListener('click', function () { select(i); });
        row.querySelectorAll('button[data-key]').forEach(function (button) {
            button.addEventListener('click', function (event) {
                event.preventDefault();
                select(i);
                send(row, button);
            });
        });
    });

    document.addEventListener('keydown', function (event) {
        var target = event.target;
        if (event.altKey || event.ctrlKey || event.metaKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) {
            return;
        }
        var key = event.key.toLowerCase();
        if (key === 'j' || key === 'arrowdown') {
            select(current + 1);
        } else if (key === 'k' || key === 'arrowup') {
            select(current - 1);
        } else {
            var button = rows[current].querySelector('button[data-key="' + key + '"]');
            if (!button) {
                return;
            }
            var row = rows[current];
            send(row, button);
            if (button.name === 'visibility') {
                select(current + 1);
            }
        }
        event.preventDefault();
    });

    select(0);
}());
