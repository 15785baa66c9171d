package org.jembed.runtime;

/** Error handling used by the generated bridges (the {@code onError} handlers of {@link Export}). */
public final class Errors {
    private Errors() {
    }

    /**
     * Called when a binding's {@code onError} handler threw while handling {@code original}: returns
     * {@code original} with the handler's throwable added as suppressed, so that the C glue prints both traces
     * and returns the function's error value.
     *
     * @param original the throwable of the {@code @Export} method
     * @param failure  the throwable of the handler
     * @param function the C function's name
     */
    public static Throwable handlerThrew(Throwable original, Throwable failure, String function) {
        System.err.println("jembed: the onError handler of " + function + " threw too; both traces follow");
        System.err.flush();
        if (original != failure) {
            original.addSuppressed(failure);
        }
        return original;
    }
}
