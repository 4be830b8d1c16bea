package io.driftwatch.cli;

/**
 * A {@link Command} whose name and way of being chosen are fixed when it is made: the commands extend it rather than
 * each spelling out {@link #name()} and {@link #isWord()}.
 */
abstract class NamedCommand implements Command {

    private final String name;
    private final boolean word;

    /**
     * @param name the job name or command word that selects the command
     * @param word whether the command is chosen by its first word ({@code tasks list}) rather than by job name
     */
    NamedCommand(String name, boolean word) {
        this.name = name;
        this.word = word;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean isWord() {
        return word;
    }
}
