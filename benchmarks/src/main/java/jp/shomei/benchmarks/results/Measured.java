package jp.shomei.benchmarks.results;

import java.util.OptionalDouble;

/** A figure as read back from a results directory, with JMH's error margin (99.9 %) where JMH measured it. */
public record Measured(Figure figure, OptionalDouble errorMargin) {
}
