package jp.shomei.ca.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("gapless_counter")
record GaplessCounterRow(@Id String name, long currentValue) {
}
