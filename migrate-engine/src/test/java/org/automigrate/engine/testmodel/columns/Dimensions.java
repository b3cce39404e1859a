package org.automigrate.engine.testmodel.columns;

import jakarta.persistence.Embeddable;

@Embeddable
public class Dimensions {
    int width;
    int height;
}
