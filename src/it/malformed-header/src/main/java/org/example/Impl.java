package org.example;

public final class Impl {
}
