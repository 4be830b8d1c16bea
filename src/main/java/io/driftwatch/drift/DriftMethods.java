package io.driftwatch.drift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registry of drift methods by configuration name. Names are matched ignoring case, so two methods whose names
 * differ only in case are duplicates. Immutable and thread-safe.
 */
public final class DriftMethods {

    private static final DriftMethods STANDARD = new DriftMethods(List.of(new PsiMethod(), new KlDivergenceMethod(),
            new MeanShiftMethod(), JensenShannonMethod.distance(), JensenShannonMethod.divergence(),
            new HellingerMethod(), WassersteinMethod.raw(), WassersteinMethod.normalised(),
            new KolmogorovSmirnovMethod(), new AndersonDarlingMethod(), new LInfinityMethod(), new ChiSquareMethod(),
            new ZTestMethod(), new MissingRateMethod(), new EffectsMethod()));

    private final Map<String, DriftMethod> byKey;
    private final Set<String> names;

    /**
     * A registry of the given methods, in iteration order.
     *
     * @throws IllegalArgumentException if a method or its name is null or blank, or two methods share a name
     */
    public DriftMethods(Collection<DriftMethod> methods) {
        if (methods == null) {
            throw new IllegalArgumentException("methods must not be null");
        }
        Map<String, DriftMethod> map = new LinkedHashMap<>();
        Set<String> ordered = new LinkedHashSet<>();
        for (DriftMethod method : methods) {
            if (method == null || method.name() == null || method.name().isBlank()) {
                throw new IllegalArgumentException("drift methods must be non-null with a non-blank name but found "
                        + method);
            }
            DriftMethod previous = map.put(key(method.name()), method);
            if (previous != null) {
                throw new IllegalArgumentException("drift method names must be unique but '" + method.name()
                        + "' is registered twice");
            }
            ordered.add(method.name());
        }
        this.byKey = Collections.unmodifiableMap(map);
        this.names = Collections.unmodifiableSet(ordered);
    }

    /**
     * The built-in methods, in this order: psi, kl, mean_shift, js, js_divergence, hellinger, wasserstein,
     * wasserstein_norm, ks, anderson_darling, linf, chisquare, z, missing_rate, effects. See {@code docs/drift-methods.md}.
     */
    public static DriftMethods standard() {
        return STANDARD;
    }

    /**
     * This registry plus {@code extra} methods (e.g. user-defined Spring beans), which may not reuse a name.
     *
     * @throws IllegalArgumentException if a name is registered twice
     */
    public DriftMethods with(Collection<? extends DriftMethod> extra) {
        if (extra == null) {
            throw new IllegalArgumentException("extra methods must not be null");
        }
        List<DriftMethod> all = new ArrayList<>(byKey.values());
        all.addAll(extra);
        return new DriftMethods(all);
    }

    /** The method with this name (ignoring case and surrounding blanks), if registered. */
    public Optional<DriftMethod> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(name)));
    }

    /**
     * The method with this name.
     *
     * @throws IllegalArgumentException naming the known methods if there is none
     */
    public DriftMethod require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("drift method must be one of " + names
                + " but was " + (name == null ? "null" : "'" + name + "'")));
    }

    /** Registered names in registration order. */
    public Set<String> names() {
        return names;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
