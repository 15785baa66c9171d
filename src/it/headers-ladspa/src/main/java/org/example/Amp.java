package org.example;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.example.capi.LADSPA_Descriptor;
import org.example.capi.LADSPA_PortRangeHint;
import org.jembed.runtime.Export;

/** A gain plugin: output = input * gain. No user C: every callback is a Java lambda made into a C pointer by allocate. */
public final class Amp {
    private static final int PORT_INPUT = 0x1, PORT_OUTPUT = 0x2, PORT_CONTROL = 0x4, PORT_AUDIO = 0x8;
    private static final int HINT_BOUNDED_BELOW = 0x1, HINT_BOUNDED_ABOVE = 0x2, HINT_DEFAULT_1 = 0x240;
    private static final long INSTANCE_SIZE = 3 * ValueLayout.ADDRESS.byteSize();

    private static final LADSPA_Descriptor DESCRIPTOR = describe(Arena.global());

    private static LADSPA_Descriptor describe(Arena arena) {
        MemorySegment ports = arena.allocateFrom(ValueLayout.JAVA_INT,
                PORT_INPUT | PORT_CONTROL, PORT_INPUT | PORT_AUDIO, PORT_OUTPUT | PORT_AUDIO);
        MemorySegment names = arena.allocate(ValueLayout.ADDRESS, 3);
        String[] portNames = {"Gain", "Input", "Output"};
        for (int i = 0; i < 3; i++) {
            names.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(portNames[i]));
        }
        MemorySegment hints = arena.allocate(LADSPA_PortRangeHint.SIZE * 3, LADSPA_PortRangeHint.ALIGNMENT);
        new LADSPA_PortRangeHint(hints.asSlice(0, LADSPA_PortRangeHint.SIZE))
                .HintDescriptor(HINT_BOUNDED_BELOW | HINT_BOUNDED_ABOVE | HINT_DEFAULT_1).LowerBound(0f).UpperBound(10f);

        LADSPA_Descriptor d = LADSPA_Descriptor.allocate(arena);
        d.UniqueID(4242L)
                .Label(arena.allocateFrom("jembed_amp"))
                .Properties(0)
                .Name(arena.allocateFrom("jembed amplifier (Java)"))
                .Maker(arena.allocateFrom("jembed"))
                .Copyright(arena.allocateFrom("None"))
                .PortCount(3L)
                .PortDescriptors(ports)
                .PortNames(names)
                .PortRangeHints(hints);
        d.instantiate(LADSPA_Descriptor.instantiate.allocate((descriptor, sampleRate) -> {
            if (sampleRate == 0) {
                throw new IllegalArgumentException("a sample rate of 0 Hz");
            }
            return Arena.global().allocate(INSTANCE_SIZE);
        }, arena));
        d.connect_port(LADSPA_Descriptor.connect_port.allocate((instance, port, data) ->
                instance.reinterpret(INSTANCE_SIZE).setAtIndex(ValueLayout.ADDRESS, port, data), arena));
        d.run(LADSPA_Descriptor.run.allocate((instance, sampleCount) -> {
            MemorySegment slots = instance.reinterpret(INSTANCE_SIZE);
            float gain = slots.getAtIndex(ValueLayout.ADDRESS, 0).reinterpret(4).get(ValueLayout.JAVA_FLOAT, 0);
            MemorySegment in = slots.getAtIndex(ValueLayout.ADDRESS, 1).reinterpret(4 * sampleCount);
            MemorySegment out = slots.getAtIndex(ValueLayout.ADDRESS, 2).reinterpret(4 * sampleCount);
            for (long i = 0; i < sampleCount; i++) {
                out.setAtIndex(ValueLayout.JAVA_FLOAT, i, in.getAtIndex(ValueLayout.JAVA_FLOAT, i) * gain);
            }
        }, arena));
        d.cleanup(LADSPA_Descriptor.cleanup.allocate(instance -> { }, arena));
        return d;
    }

    @Export
    public static MemorySegment ladspa_descriptor(long index) {
        return index == 0 ? DESCRIPTOR.segment() : MemorySegment.NULL;
    }
}
