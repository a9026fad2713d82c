// Draws the report charts. Each <canvas data-chart="{...}"> carries its chart as JSON (kind, labels, series, format):
// the Content-Security-Policy allows no inline script, so the data travels in the attribute and this file draws it.
// The table beside each chart holds the same numbers for reading and for assistive technology.
(function () {
    'use strict';

    var palette = ['#1f6feb', '#2da44e', '#d4a72c', '#cf222e', '#8250df', '#1b7c83', '#bc4c00', '#57606a'];
    var locale = document.documentElement.lang || undefined;

    function formatter(spec, compact) {
        if (spec.format === 'amount' && spec.currency) {
            return new Intl.NumberFormat(locale, {
                style: 'currency',
                currency: spec.currency,
                notation: compact ? 'compact' : 'standard'
            });
        }
        if (spec.format === 'percent') {
            return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
        }
        return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    }

    function draw(canvas) {
        var spec = JSON.parse(canvas.getAttribute('data-chart'));
        var full = formatter(spec, false);
        var compact = formatter(spec, true);
        var valueAxis = spec.horizontal ? 'x' : 'y';
        var categoryAxis = spec.horizontal ? 'y' : 'x';
        var scales = {};
        scales[valueAxis] = {
            beginAtZero: true,
            stacked: !!spec.stacked,
            ticks: { precision: 0, callback: function (value) { return compact.format(value); } }
        };
        scales[categoryAxis] = { stacked: !!spec.stacked };

        new window.Chart(canvas, {
            type: spec.kind === 'line' ? 'line' : 'bar',
            data: {
                labels: spec.labels,
                datasets: spec.series.map(function (series, i) {
                    var color = palette[i % palette.length];
                    return {
                        label: series.label,
                        data: series.values,
                        backgroundColor: color,
                        borderColor: color,
                        maxBarThickness: 36
                    };
                })
            },
            options: {
                indexAxis: spec.horizontal ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                locale: locale,
                scales: scales,
                plugins: {
                    legend: { display: spec.series.length > 1, position: 'bottom' },
                    tooltip: {
                        callbacks: {
                            label: function (context) {
                                var value = spec.horizontal ? context.parsed.x : context.parsed.y;
                                return context.dataset.label + ': ' + full.format(value);
                            }
                        }
                    }
                }
            }
        });
        canvas.setAttribute('data-drawn', 'true');
    }

    document.querySelectorAll('canvas[data-chart]').forEach(draw);
})();
